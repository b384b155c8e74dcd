"""Deployment knowledge the tests check the project against; dev/test only, never in the image.

| module | holds |
|---|---|
| `image` | what the Lambda image holds, read from the Dockerfile's COPY/ENV/RUN lines and .dockerignore |
"""
