# Lambda container image for the Channel.io support bot (dspy + litellm exceed the 250 MB zip limit).
# Build: docker build -t jogunshop-bot .   Handler: lambda_function.handler (webhook, turns, fallback).
FROM public.ecr.aws/lambda/python:3.12

# gcc builds owlready2's optional C parser; it is removed again in the same layer.
COPY requirements.txt ${LAMBDA_TASK_ROOT}/
RUN dnf install -y gcc && \
    pip install --no-cache-dir -r ${LAMBDA_TASK_ROOT}/requirements.txt && \
    dnf remove -y gcc && dnf clean all && rm -rf /var/cache/dnf

# No LiteLLM cost-map download at cold start; DSPy's disk cache on the only writable path.
ENV LITELLM_LOCAL_MODEL_COST_MAP=True \
    DSPY_CACHE_DIR=/tmp/dspy_cache \
    PYTHONDONTWRITEBYTECODE=1

COPY lambda_function.py ${LAMBDA_TASK_ROOT}/
COPY core/ ${LAMBDA_TASK_ROOT}/core/
COPY agent/ ${LAMBDA_TASK_ROOT}/agent/
COPY data/ ${LAMBDA_TASK_ROOT}/data/

# Prebuild the knowledge index of the bundled ontology so a cold start loads JSON, not OWL.
RUN cd ${LAMBDA_TASK_ROOT} && python -m core.ontology_manager build data/ontology.owl && \
    python -m compileall -q core agent lambda_function.py

CMD ["lambda_function.handler"]
