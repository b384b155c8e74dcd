"""Deployment knowledge the tests check the project against; dev/test only, never in the image.

| module | holds |
|---|---|
| `iam` | every AWS API call the code makes, who makes it (function, operator, local stack) and on which resource |
| `template` | `template.yaml` offline: load, package as `sam build`/`sam package` would, translate to plain CloudFormation, create it in moto |
| `image` | what the Lambda image holds, read from the Dockerfile's COPY/ENV/RUN lines and .dockerignore |
"""
