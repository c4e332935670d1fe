"""A plain-numpy logistic regression over named features, for the benches that compare a learned ranker with the
rules (bench/tariff_ranker.py, bench/speaker_ranker.py): small enough to read, no new dependency."""

from __future__ import annotations

import math

import numpy as np


class LogisticModel:
    """Weights for `names` (and a bias) fitted by gradient descent with an L2 penalty; features missing from an
    example count as 0, features not in `names` are ignored."""

    def __init__(self, names: list[str], weights: np.ndarray) -> None:
        self.index = {name: i for i, name in enumerate(names)}
        self.weights = weights

    @classmethod
    def fit(cls, examples: list[tuple[dict[str, float], int]], names: list[str], steps: int = 400,
            rate: float = 0.5, l2: float = 0.01) -> LogisticModel:
        index = {name: i for i, name in enumerate(names)}
        x = np.zeros((len(examples), len(names) + 1))
        y = np.array([label for _, label in examples], dtype=float)
        for row, (features, _) in enumerate(examples):
            x[row, -1] = 1.0
            for name, value in features.items():
                if name in index:
                    x[row, index[name]] = value
        weights = np.zeros(len(names) + 1)
        for _ in range(steps):
            p = 1 / (1 + np.exp(-x @ weights))
            weights -= rate * (x.T @ (p - y) / len(y) + l2 * weights)
        return cls(names, weights)

    def probability(self, features: dict[str, float]) -> float:
        total = self.weights[-1] + sum(self.weights[self.index[n]] * v for n, v in features.items()
                                       if n in self.index)
        return 1 / (1 + math.exp(-total))
