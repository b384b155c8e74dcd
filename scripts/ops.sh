#!/usr/bin/env bash
# The operator's commands behind `make deploy|url|invoke|logs|secret|upload-ontology` (see README "Deploy").
# They act on the stack STACK_NAME in REGION (both from samconfig.toml once `make deploy` wrote it) with the
# caller's own AWS credentials. Tests only ever run the "missing tool" paths; nothing here runs in CI.
set -euo pipefail

STACK_NAME="${STACK_NAME:-jogunshop}"
REGION="${REGION:-ap-northeast-2}"
PY="${PY:-python3}"

die() { echo "error: $*" >&2; exit 1; }

# require TOOL WHY: stop with what to install when a command is missing.
require() {
	case "$1" in
	aws) command -v aws >/dev/null 2>&1 || die "make $TARGET needs the AWS CLI (v2), which is not installed: install it, run \`aws configure\` (or set AWS_PROFILE) and try again." ;;
	sam) command -v sam >/dev/null 2>&1 || die "make $TARGET needs the AWS SAM CLI, which is not installed: install it (\`pip install aws-sam-cli\` or the installer for your OS) and try again." ;;
	docker) command -v docker >/dev/null 2>&1 || command -v finch >/dev/null 2>&1 \
		|| die "make $TARGET builds the container image, which needs Docker (or Finch): install and start it, then try again." ;;
	python) command -v "$PY" >/dev/null 2>&1 || die "make $TARGET needs Python 3 for JSON handling ($PY not found)." ;;
	esac
}

output() {  # output NAME: one output of the stack, or a clear error when the stack is not there
	local value
	value="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --region "$REGION" \
		--query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text 2>&1)" \
		|| die "no stack $STACK_NAME in $REGION ($value): run \`make deploy\` first, or set STACK_NAME / REGION"
	[ -n "$value" ] && [ "$value" != "None" ] || die "stack $STACK_NAME has no output $1 (is it up to date? run \`make deploy\`)"
	printf '%s' "$value"
}

ssm_path() {  # the SecretsSsmPath parameter of the stack ("" = secrets are in Secrets Manager)
	aws cloudformation describe-stacks --stack-name "$STACK_NAME" --region "$REGION" \
		--query "Stacks[0].Parameters[?ParameterKey=='SecretsSsmPath'].ParameterValue" --output text 2>/dev/null \
		| sed 's/^None$//'
}

read_secret() {  # read_secret NAME: the stored value of one secret setting ("" when unset)
	local path
	path="$(ssm_path)"
	if [ -n "$path" ]; then
		aws ssm get-parameter --region "$REGION" --name "$path/$1" --with-decryption \
			--query Parameter.Value --output text 2>/dev/null || true
	else
		aws secretsmanager get-secret-value --region "$REGION" --secret-id "$(output SecretsId)" \
			--query SecretString --output text \
			| NAME="$1" "$PY" -c 'import json, os, sys; print(json.load(sys.stdin).get(os.environ["NAME"], ""))'
	fi
}

store_secret() {  # store_secret NAME VALUE: store one secret setting (never on a command line: via stdin)
	local path id current
	path="$(ssm_path)"
	if [ -n "$path" ]; then
		printf '%s' "$2" | aws ssm put-parameter --region "$REGION" --name "$path/$1" --type SecureString \
			--overwrite --value file:///dev/stdin >/dev/null
	else
		id="$(output SecretsId)"
		current="$(aws secretsmanager get-secret-value --region "$REGION" --secret-id "$id" --query SecretString --output text)"
		CURRENT="$current" NAME="$1" VALUE="$2" "$PY" -c \
			'import json, os; d = json.loads(os.environ["CURRENT"] or "{}"); d[os.environ["NAME"]] = os.environ["VALUE"]; print(json.dumps(d))' \
			| aws secretsmanager put-secret-value --region "$REGION" --secret-id "$id" --secret-string file:///dev/stdin >/dev/null
	fi
}

recycle() {  # secrets are read once per container: a configuration change retires the running containers
	local fn
	fn="$(output BotFunctionName)"
	aws lambda update-function-configuration --region "$REGION" --function-name "$fn" \
		--description "secrets changed $(date -u +%Y-%m-%dT%H:%M:%SZ)" >/dev/null
	aws lambda wait function-updated --region "$REGION" --function-name "$fn"
	echo "Stored; the function's containers were replaced, so the next message uses the new values."
}

SECRET_NAMES="CHANNEL_WEBHOOK_TOKEN CHANNEL_ACCESS_KEY CHANNEL_ACCESS_SECRET AZURE_OPENAI_API_KEY OPENAI_API_KEY LM_API_KEY SLACK_BOT_TOKEN CUSTOMER_HASH_SALT"

cmd_deploy() {
	require sam; require docker; require aws
	sam build --template-file template.yaml
	if [ -f samconfig.toml ]; then
		sam deploy
	else
		echo "First deploy: SAM asks for the stack name, region and parameters, and saves them in samconfig.toml."
		echo "Answer y to 'BotFunction Function Url has no authentication': Channel.io authenticates with the ?token= secret."
		sam deploy --guided --stack-name "$STACK_NAME" --region "$REGION" --capabilities CAPABILITY_IAM
	fi
}

cmd_first_run() {  # after a deploy: a webhook token, and the Channel.io API key pair if the store has none
	require aws; require python
	local changed=""
	if [ -z "$(read_secret CHANNEL_WEBHOOK_TOKEN)" ]; then  # SSM mode: the stack generates none
		store_secret CHANNEL_WEBHOOK_TOKEN "$("$PY" -c 'import secrets; print(secrets.token_urlsafe(30))')"
		echo "Generated CHANNEL_WEBHOOK_TOKEN."
		changed=1
	fi
	if [ -z "$(read_secret CUSTOMER_HASH_SALT)" ]; then  # once per deployment: a new salt orphans the stored hashes
		store_secret CUSTOMER_HASH_SALT "$("$PY" -c 'import secrets; print(secrets.token_urlsafe(32))')"
		echo "Generated CUSTOMER_HASH_SALT (keep it: customer hashes are salted with it)."
		changed=1
	fi
	[ -n "$(read_secret CHANNEL_ACCESS_KEY)" ] && { [ -z "$changed" ] || recycle; return 0; }
	local key="" secret=""
	if [ -t 0 ]; then
		echo "The bot posts its replies with a Channel.io API key (Channel.io settings → API key management)."
		read -r -p "Channel.io access key (empty to skip): " key
		[ -z "$key" ] || { read -r -s -p "Channel.io access secret: " secret; echo; }
	fi
	if [ -n "$key" ]; then
		store_secret CHANNEL_ACCESS_KEY "$key"
		store_secret CHANNEL_ACCESS_SECRET "$secret"
		changed=1
	else
		echo "CHANNEL_ACCESS_KEY / CHANNEL_ACCESS_SECRET are not set: the bot cannot reply until you run" \
			"\`make secret NAME=CHANNEL_ACCESS_KEY\` and \`make secret NAME=CHANNEL_ACCESS_SECRET\`."
	fi
	[ -z "$changed" ] || recycle
}

cmd_url() {
	require aws; require python
	local url token
	url="$(output WebhookUrl)"
	token="$(read_secret CHANNEL_WEBHOOK_TOKEN)"
	[ -n "$token" ] || die "CHANNEL_WEBHOOK_TOKEN is empty: set one with \`make secret NAME=CHANNEL_WEBHOOK_TOKEN\`"
	echo "Register this webhook in Channel.io (settings → webhooks; events: user chat messages). It contains the secret token:"
	echo "  $url?token=$token"
}

cmd_invoke() {
	require aws
	local event="${EVENT:-events/test_message.json}" out
	[ -f "$event" ] || die "no event file $event (EVENT=...)"
	out="$(mktemp)"
	aws lambda invoke --region "$REGION" --function-name "$(output BotFunctionName)" \
		--payload "fileb://$event" "$out" >/dev/null
	cat "$out"; echo
	rm -f "$out"
}

cmd_logs() {
	require aws
	aws --version 2>&1 | grep -q '^aws-cli/2' \
		|| die "make logs needs AWS CLI v2 (\`aws logs tail\`); found: $(aws --version 2>&1)"
	aws logs tail "$(output LogGroupName)" --region "$REGION" --follow --format short --since "${SINCE:-10m}"
}

cmd_secret() {
	require aws; require python
	[ -n "${NAME:-}" ] || die "which one? make secret NAME=CHANNEL_ACCESS_SECRET (one of: $SECRET_NAMES)"
	case " $SECRET_NAMES " in *" $NAME "*) ;; *) die "$NAME is not a secret setting (one of: $SECRET_NAMES)" ;; esac
	local value="${VALUE:-}"
	if [ -z "$value" ]; then
		[ -t 0 ] || die "no terminal to ask on: pass VALUE=... (it will be in your shell history)"
		read -r -s -p "$NAME (input hidden): " value; echo
	fi
	store_secret "$NAME" "$value"
	recycle
}

cmd_check_upload() {  # before the venv is made: the CLI and the file
	require aws
	[ -n "${FILE:-}" ] || die "which file? make upload-ontology FILE=path/to/ontology.owl"
	[ -f "$FILE" ] || die "$FILE does not exist"
}

cmd_upload_ontology() {  # validate, then upload the file, its index and (last) the last-good pointer
	cmd_check_upload
	local bucket key
	bucket="$(output OntologyBucketName)"
	key="$(output OntologyS3Key)"
	AWS_REGION="$REGION" AWS_DEFAULT_REGION="$REGION" "$PY" -m core.ontology_manager publish "$FILE" "s3://$bucket/$key" \
		|| die "$FILE was not published (see above); the function keeps serving its last good version"
	echo "Published; the function serves it within ONTOLOGY_REFRESH_SECONDS (default 300 s), without a redeploy."
}

TARGET="${1:-}"
case "$TARGET" in
check-upload) TARGET=upload-ontology; cmd_check_upload ;;
deploy) cmd_deploy ;;
first-run) cmd_first_run ;;
url) cmd_url ;;
invoke) cmd_invoke ;;
logs) cmd_logs ;;
secret) cmd_secret ;;
upload-ontology) cmd_upload_ontology ;;
*) die "usage: scripts/ops.sh deploy|first-run|url|invoke|logs|secret|check-upload|upload-ontology" ;;
esac
