"""Language analysis shared by the knowledge layer (search, retrieval index) and the agents.

| module | holds |
|---|---|
| `korean_text` | normalisation, particle stripping, jamo decomposition for fuzzy matching |
| `lexicon` | generic shop concepts (returns, fee, worn, tag …) spotted on morphemes, and question kinds |
| `loanwords` | consonant skeletons and vowel shapes that match English words to Hangul loanword names |
| `morphology` | mecab-ko morphological analysis: surface, lemma, part of speech per morpheme |
| `patterns` | a process-wide cache of regular expressions built at run time from data (names, glossary words) |
"""
