#!/bin/sh
# suite_tree — the tree reads as the pipeline: stage folders in the
# Makefile's order include only themselves and earlier stages, no include
# cycle, no file over 1,000 lines, a README per stage.
stages=$(sed -n 's/^STAGES *:= *//p' Makefile)
[ -n "$stages" ] || { echo "FAIL no STAGES in the Makefile"; echo "0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC2086
exec python3 tests/tools/tree_check.py src $stages
