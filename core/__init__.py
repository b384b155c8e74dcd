"""Everything that is not the agents: settings, logging, the knowledge layer and the chat adapters.

| package / module | holds |
|---|---|
| `config` | every setting, read from the environment once and checked at start-up |
| `aws` | the process's one botocore session and the AWS client settings (timeouts, retries) |
| `secrets` | the secret settings from Secrets Manager or SSM SecureString, read once per container (`config` calls it) |
| `observability` | Powertools logger and metrics, hashed chat ids, redaction of every log record |
| `personal_data` | phones, e-mails, card and order numbers, addresses and names in free text, masked with the caller's labels (logs, VOC excerpts) |
| `deadline` | the whole-turn deadline every slow step of a turn checks (LM calls, Channel.io posts) |
| `memo` | a bounded per-object memo of a pure look-up (a catalogue's searches, option scans and name spans per text) |
| `identity` | who ordered, as fingerprints: normalising and hashing member ids, phones and names (shared by `knowledge` and `chat`) |
| `language` | Korean text analysis shared by `knowledge` and the agents |
| `knowledge` | the shop's ontology: parsing, JSON index, search, delivery rules, loading and hot reload, CLI |
| `chat` | Channel.io webhook, chat state (DynamoDB), reply scheduling (Step Functions), Channel.io client, flows |
| `voc` | voice of the customer: a record per answered turn, the weekly report to Slack or a Channel.io team chat |
| `ontology_manager` | the documented entry point of the knowledge CLI (`python -m core.ontology_manager …`) |

`chat` and `knowledge` do not import each other; `lambda_function.py` wires them together.
"""
