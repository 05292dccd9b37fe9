#!/usr/bin/env bash
# Issue 8: the grid run to tune the folds table (jar of commit a350f5e), in this order: tuning on u1-valid (a random quarter of u1.base held out; u1.test never read), one thread, seed 1.
set -u
cd "$(dirname "$0")/../../.."
OUT=bench/results/recsys-folds-tuning/runs
DATA=../shared/data/movielens/ml-100k
T() { # name args...
  local name="$1"; shift
  [ -f "$OUT/$name.json" ] && return
  echo "== $name: $*"
  ./thymus recsys eval --dataset $DATA --split u1-valid --threads 1 --seed 1 \
      --metrics-out "$OUT/$name.json" "$@" | tail -2
}
TT="--model twotower --dim 64 --batch 256 --learning-rate 0.05 --item-features id,genres,year,title --user-features id,age,gender,occupation,history"
T bpr-30 --model bpr
T bpr-100 --model bpr --epochs 100
T bpr-100-reg0.01 --model bpr --epochs 100 --reg 0.01
T itemknn --model itemknn
T popularity --model popularity
T tt-uniform-t0.1-e10 $TT --negatives uniform --temperature 0.1 --epochs 10
T tt-uniform4-t0.1-e10 $TT --negatives uniform:4 --temperature 0.1 --epochs 10
T tt-inbatch+logq-t0.1-e10 $TT --negatives inbatch+logq --temperature 0.1 --epochs 10
T tt-mixed4+logq-t0.1-e10 $TT --negatives mixed:4+logq --temperature 0.1 --epochs 10
T tt-uniform-t0.05-e10 $TT --negatives uniform --temperature 0.05 --epochs 10
T tt-uniform-t0.2-e10 $TT --negatives uniform --temperature 0.2 --epochs 10
T tt-uniform-t0.1-e20 $TT --negatives uniform --temperature 0.1 --epochs 20
T bpr-30-reg0.01 --model bpr --reg 0.01
T bpr-30-reg0.03 --model bpr --reg 0.03
T bpr-100-reg0.03 --model bpr --epochs 100 --reg 0.03
T bpr-100-reg0.1 --model bpr --epochs 100 --reg 0.1
T bpr-200-reg0.03 --model bpr --epochs 200 --reg 0.03
T bpr-100-reg0.03-lr0.1 --model bpr --epochs 100 --reg 0.03 --learning-rate 0.1
T tt-uniform-t0.3-e10 $TT --negatives uniform --temperature 0.3 --epochs 10
T tt-uniform-t0.5-e10 $TT --negatives uniform --temperature 0.5 --epochs 10
T tt-inbatch+logq-t0.2-e10 $TT --negatives inbatch+logq --temperature 0.2 --epochs 10
T tt-mixed1+logq-t0.2-e10 $TT --negatives mixed:1+logq --temperature 0.2 --epochs 10
T tt-uniform-t0.2-e20 $TT --negatives uniform --temperature 0.2 --epochs 20
T bpr-300-reg0.03 --model bpr --epochs 300 --reg 0.03
T bpr-200-reg0.02 --model bpr --epochs 200 --reg 0.02
T bpr-200-reg0.05 --model bpr --epochs 200 --reg 0.05
T bpr-200-reg0.03-dim128 --model bpr --epochs 200 --reg 0.03 --dim 128
T bpr-200-reg0.03-lr0.1 --model bpr --epochs 200 --reg 0.03 --learning-rate 0.1
T tt-uniform-t0.2-e30 $TT --negatives uniform --temperature 0.2 --epochs 30
T tt-mixed1+logq-t0.2-e20 $TT --negatives mixed:1+logq --temperature 0.2 --epochs 20
T tt-uniform-t0.25-e20 $TT --negatives uniform --temperature 0.25 --epochs 20
T tt-uniform2-t0.2-e20 $TT --negatives uniform:2 --temperature 0.2 --epochs 20
T itemknn-k20 --model itemknn --neighbours 20
T itemknn-k50 --model itemknn --neighbours 50
T itemknn-k100 --model itemknn --neighbours 100
T itemknn-kall --model itemknn --neighbours 0
