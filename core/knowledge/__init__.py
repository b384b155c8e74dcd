"""The shop's knowledge: one ontology version, read into plain objects and queried by the agents.

Module map (each module imports only modules listed above it; nothing here imports `core.chat` or `agent`):

| module | holds |
|---|---|
| `model` | frozen dataclasses (Product, Variant, Order, PolicySection, FAQEntry, DeliveryPolicy …) and the index format constants |
| `errors` | the exceptions every layer raises (parse, limit, schema, index, source) and the `Violation`s `validate` lists |
| `index_schema` | pydantic models of the JSON index: types, ranges and lengths of every value the bot may quote (all but the product rows on load, each product row when first used); links an index shows that its OWL lacks |
| `parse_guard` | what one file may cost to parse: size (ONTOLOGY_MAX_MB), encoding, DOCTYPE/entities, the slow parser's size; `ParseLimits` |
| `options` | option values of any kind (사이즈, 색상, 용량, 호수 …): the shop's vocabulary, synonyms of values it has, how a text names them |
| `search` | Korean-aware fuzzy product search, option-word recognition, catalogue filters, FAQ search |
| `delivery_rules` | fees by region/postal code/threshold, dispatch and arrival dates (business days, cut-off, holidays) |
| `order_numbers` | the shapes of the shop's own order numbers: finding them in a message, describing the format |
| `retrieval` | BM25 over every policy clause and FAQ sentence (built with the index) |
| `shop_knowledge` | `ShopKnowledge`, the read-only query API over one JSON index |
| `owl_index` | OWL/Turtle → JSON index (owlready2's C parser, rdflib fallback) and the schema checks `validate` reports; `load_index` checks an index |
| `parse_worker` | `build_bounded`: the index built in a child process killed at ONTOLOGY_PARSE_TIMEOUT_SECONDS |
| `owl_writer` | the shop's data model for writing (ShopData, ProductData, VariantData …) and its RDF/XML rendering: one writer for the bundled shop, synthetic catalogues and the importers |
| `importers` | package: Shopify product CSV, Google Merchant Center feed and the policies TOML → `owl_writer` data (`python -m core.ontology_manager import …`) |
| `sources` | where the bytes live: a local file, or an S3 object and its versions (read, write, errors that name the fix) |
| `last_good` | the last-good pointer (`<key>.good.json`): its format, reading it, and `publish` (validate, store the index, then move the pointer) |
| `manager` | what is served: the pointer's versions, else a validated newest upload, else the floor (ONTOLOGY_PATH); hot reload; the container singleton |
| `cli` | `python -m core.ontology_manager build|validate|publish|query|import` |
"""
