#!/usr/bin/env bash
# The GPU check: run the backend-agnostic chapters on an NVIDIA machine that
# has JAX (and/or PyTorch) with CUDA but no TensorFlow and no network, and
# record per-chapter times and headline metrics with the device's name.
#
#   bash bench/gpu-check.sh [jax|torch]     # writes bench/gpu/backend-*.md
#
# Needs, besides the machine's JAX or PyTorch: the pure-Python packages the
# chapters import that the machine lacks (keras, nbclient, jupytext, ...),
# carried as wheels in .whl/ (see the README, "On a GPU"). Nothing here
# downloads anything.
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${1:-jax}"
if [ -d .whl ]; then
    python3 -m pip install -q --no-index --no-deps --target /tmp/site .whl/*.whl
    export PYTHONPATH="/tmp/site${PYTHONPATH:+:$PYTHONPATH}"
fi
export PYTHONPATH="$PWD/code${PYTHONPATH:+:$PYTHONPATH}"
nvidia-smi -L || echo "gpu-check: nvidia-smi not found" >&2
python3 -m ipykernel install --user --name python3 >/dev/null
mkdir -p bench/gpu
PYTHONUNBUFFERED=1 python3 -m dlbook.tools.backends --backend "$backend" \
    --out bench/gpu
