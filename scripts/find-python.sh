#!/usr/bin/env bash
# Print the path of the Python the project's .venv should be made with; exit 1 when there is none.
#
# Preference: 3.12 (the Lambda image's version), found through pyenv even when the `python3.12`
# shim refuses because 3.12 is installed but not selected ("command not found ... exists in these
# Python versions"), then python3.12, python3.13, python3.11, python3 on PATH. A candidate counts
# only when it really runs and is >= 3.11 (a refusing shim fails that test, so it is skipped).
set -u

works() {
	[ -n "$1" ] && [ -x "$1" ] && "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

candidates=()
if command -v pyenv >/dev/null 2>&1; then
	candidates+=("$(pyenv which python3.12 2>/dev/null)")
	root="$(pyenv root 2>/dev/null)"
	if [ -n "$root" ]; then
		for p in "$root"/versions/3.12*/bin/python3.12; do candidates+=("$p"); done
	fi
fi
for name in python3.12 python3.13 python3.11 python3; do
	candidates+=("$(command -v "$name" 2>/dev/null)")
done

for p in "${candidates[@]}"; do
	if works "$p"; then
		echo "$p"
		exit 0
	fi
done
echo "no Python >= 3.11 found (tried pyenv's 3.12, python3.12, python3.13, python3.11, python3)" >&2
exit 1
