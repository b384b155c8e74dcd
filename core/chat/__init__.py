"""The chat side: Channel.io in, DynamoDB chat state, Step Functions delays, replies out.

Module map (adapters take their client; `flows` gets them injected, so none of this imports the
agents or the knowledge layer):

| module | holds |
|---|---|
| `webhook` | Function URL event parsing, token check, pydantic models of Channel.io payloads, message classification |
| `chat_state` | `ChatStore`: pending messages, versions, leases, posting records, history and dedupe records in one DynamoDB table |
| `customer` | the chat's customer as salted hashes (member id, phone) for order-ownership checks |
| `scheduler` | `ReplyScheduler`: start/stop the per-chat delayed-reply Step Functions executions |
| `channel_api` | `ChannelClient`: the Channel.io Open API (post a message, find it again, invite managers) with rate-limit backoff |
| `flows` | the three things the bot does with a chat: accept a webhook, answer a turn, hand off on failure |
"""
