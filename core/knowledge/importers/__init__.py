"""Onboarding from the files shops already have: product exports and a policies TOML → `owl_writer` data.

Module map (each module imports only modules listed above it):

| module | holds |
|---|---|
| `issues` | `ImportIssue` (file, row, column, message, severity), the collector, and the cell parsers every format shares (won amounts, counts, HTML → text) |
| `policies_toml` | the shop, delivery rules, policy sections, FAQ and orders from a TOML file (`tomllib`) |
| `shopify` | the documented Shopify product CSV (Handle groups rows; Option1-3 are the axes) |
| `google_merchant` | the documented Google Merchant Center product feed, TSV (item_group_id groups items) |
| `assemble` | products + policies → `ShopData` → RDF/XML, validated before it is written |

Each format module turns its file into `ProductData` lists and issues; nothing here parses RDF.
"""
