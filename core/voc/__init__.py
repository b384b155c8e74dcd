"""Voice of the customer: one record per answered turn, and the weekly report that tells the shop
what its customers are telling the bot.

Module map (imports only `core.config`, `core.observability`, `core.language` and, lazily, the
Channel.io client `core.chat.channel_api` for the team-chat destination; never `agent` nor
`core.knowledge`; `core.chat.flows` imports `records` lazily, on the processing path only):

| module | holds |
|---|---|
| `records` | `TurnRecord` (pydantic: the stored record and the CLI's JSONL line), `turn_record`, `redact` (masked excerpts) |
| `sentiment` | Korean complaint cues from mecab-ko lemmas, parts of speech and negation (`is_negative`) |
| `weeks` | ISO weeks in `SHOP_TIMEZONE`: parse `2026-W48`, the week of a moment, the week to report |
| `tally` | one week counted per category while records stream past (bounded memory: counts, subjects, a few excerpts) |
| `rules` | the comparison: CRITICAL / MONITOR / IMPROVED / STABLE in exact `Fraction` arithmetic |
| `store` | `VocStore`: records (`VOC#<week>`) and report claims (`VOCREPORT#<week>`) in the chat table |
| `report` | `WeeklyReport` (rows sorted by status), its JSON, the Slack Block Kit message within Slack's limits |
| `chart` | the PNG of categories this week vs last (matplotlib, imported only when drawing) |
| `followup` | thread replies for CRITICAL/MONITOR: deterministic, or one DSPy call when an LM is configured |
| `destinations` | Slack (slack_sdk: message, chart upload, thread replies) and Channel.io team chat |
| `weekly` | the Monday job: read two weeks, compare, claim the week, post once; console rendering |
| `__main__` | the CLI: `python -m core.voc report [--records FILE] [--week W] [--json] [--post] [--force]` |
"""
