#!/usr/bin/env bash
# Fetch the R package vignettes scored by `eval_header.py --sets vignettes` (gold:
# benchmarks/gold/headers_vignettes.jsonl): Debian's r-cran-* packages, downloaded with
# `apt-get download` (a package registry; no root needed) and unpacked, not installed, under
# DEST (default ~/.cache/litmap-bench/vignettes). Typed from Debian 12 (bookworm) packages; a
# later release may ship other vignette versions, whose dates the gold would not match.
set -euo pipefail
DEST="${1:-$HOME/.cache/litmap-bench/vignettes}"
PKGS="aer coin e1071 effects glmnet gstat kernlab lme4 lmtest matrix multcomp mvtnorm network partykit
pscl psych quantreg rcpp robustbase sandwich sp spacetime strucchange survival tm vegan xts zoo
flexmix forecast gbm mcmc mitools party rgenoud rrcov survey vcd
ape bbmle bridgesampling brms desolve earth geepack glmmtmb gplots ks maptools ordinal semtools shape
systemfit laeken maxlik gmm ei mnp mlmrev surveillance spatstat formula car gnm bradleyterry2 erm psychotree metafor
robumeta rockchalk uroot sampling bms kohonen spam seriation timeseries"  # lines 2, 3, 4-5: waves 2, 3, 4
mkdir -p "$DEST/debs"
cd "$DEST/debs"
for p in $PKGS; do
    ls r-cran-"$p"_*.deb >/dev/null 2>&1 || apt-get download "r-cran-$p" || echo "could not fetch r-cran-$p" >&2
done
for deb in r-cran-*.deb; do dpkg-deb -x "$deb" "$DEST"; done
echo "vignettes under $DEST/usr/lib/R (eval_header.py --sets vignettes --vignettes $DEST/usr/lib/R)"
