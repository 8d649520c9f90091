"""Automate with a model trained on crowd labels, and send what it is unsure of back to people.

A classifier learns from the aggregated crowd labels. On new items, an answer whose
confidence (the model's top probability) is below a threshold goes to a person, in one of
two ways (Tubaro, Casilli & Coville 2020):

* ``"verify"``: a person checks the model's answer (role ``verifier``, activity ``review``).
  A right answer is kept; a wrong one is caught and corrected with probability
  ``human_accuracy``, otherwise it slips through.
* ``"imitate"``: a person does the task in the model's place (role ``imitator``, activity
  ``takeover``): right with probability ``human_accuracy``, otherwise a wrong class at random.

``human_accuracy`` is a parameter because a check is itself a judgment, not a guarantee.
scikit-learn is imported inside the functions, so ``import labelsim`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import (MAX_ITEMS, MAX_WORKERS, check_choice, check_int, check_pay,
                        check_probability, check_real, check_seconds, rng)
from .datasets import Shapes, _check_dataset
from .ledger import Ledger

MODES = {"verify": ("verifier", "review", "v"), "imitate": ("imitator", "takeover", "i")}
DEFAULT_THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99)

__all__ = ["CrowdModel", "Routing", "features", "train_on_crowd_labels", "route",
           "automation_curve"]


def features(images: np.ndarray) -> np.ndarray:
    """Simple features of grayscale images (n, height, width) -> (n, 88) float array.

    64 pixel averages over an 8 x 8 grid, then 24 features that do not change when a shape
    turns: ink area, spread and elongation (second moments), edge length relative to area,
    the share of ink in 6 rings around the centre of mass, the strength of 2- to 6-fold
    symmetry in the edge directions and in the outline (magnitudes of angular Fourier terms),
    contrast and sharpness.

    >>> features(np.zeros((2, 32, 32), dtype=np.uint8)).shape
    (2, 88)
    """
    images = np.asarray(images)
    if images.ndim != 3 or min(images.shape) == 0 or images.shape[1] % 8 or images.shape[2] % 8:
        raise ValueError(f"images must be an array (n, height, width) with height and width "
                         f"multiples of 8, got shape {images.shape}")
    if images.dtype == bool or images.dtype.kind not in "iuf" or not np.isfinite(images).all():
        raise TypeError(f"images must hold finite grey levels 0..255, got dtype {images.dtype}")
    if len(images) > MAX_ITEMS or images[0].size > 512 * 512:
        raise ValueError(f"images must be at most {MAX_ITEMS} images of at most 512 x 512 pixels, "
                         f"got shape {images.shape}")
    x = images.astype(np.float64) / 255.0
    n, h, w = x.shape
    grid = x.reshape(n, 8, h // 8, 8, w // 8).mean(axis=(2, 4)).reshape(n, 64)
    low = np.percentile(x.reshape(n, -1), 5, axis=1)[:, None, None]
    high = np.percentile(x.reshape(n, -1), 95, axis=1)[:, None, None]
    ink = np.clip((x - low) / np.maximum(high - low, 1e-6), 0, 1)
    mass = ink.sum(axis=(1, 2)) + 1e-9
    rows, cols = np.mgrid[0:h, 0:w].astype(np.float64)
    cy = (ink * rows).sum(axis=(1, 2)) / mass
    cx = (ink * cols).sum(axis=(1, 2)) / mass
    dy, dx = rows - cy[:, None, None], cols - cx[:, None, None]
    vxx, vyy, vxy = ((ink * m).sum(axis=(1, 2)) / mass for m in (dx * dx, dy * dy, dx * dy))
    spread = np.sqrt(np.maximum((vxx - vyy) ** 2 + 4 * vxy**2, 0))
    big, small = (vxx + vyy + spread) / 2, (vxx + vyy - spread) / 2
    scale = np.sqrt(mass)[:, None, None]
    radius = np.hypot(dx, dy) / scale
    ring = np.minimum((radius / 0.15).astype(np.intp), 6) + 7 * np.arange(n)[:, None, None]
    rings = np.bincount(ring.ravel(), weights=ink.ravel(), minlength=7 * n).reshape(n, 7)[:, :6]
    rings = rings / mass[:, None]
    gy, gx = np.gradient(ink, axis=(1, 2))
    edge = np.hypot(gx, gy)
    edge_total = edge.sum(axis=(1, 2)) + 1e-9
    outline = edge * radius  # edge pixels weighted by their distance from the centre
    edge_symmetry = _angular_symmetry(np.arctan2(gy, gx), edge)
    outline_symmetry = _angular_symmetry(np.arctan2(dy, dx), outline)
    sharpness = np.hypot(*np.gradient(x, axis=(1, 2))).mean(axis=(1, 2))
    turning_invariant = np.column_stack([
        mass / (h * w), (vxx + vyy) / mass, small / np.maximum(big, 1e-9),
        edge_total / np.sqrt(mass), rings, edge_symmetry, outline_symmetry,
        ink.std(axis=(1, 2)), x.mean(axis=(1, 2)), x.std(axis=(1, 2)), sharpness,
    ])
    return np.column_stack([grid, turning_invariant])


def _angular_symmetry(angle: np.ndarray, weight: np.ndarray, bins: int = 36) -> np.ndarray:
    """|Fourier terms| 2..6 of each image's weighted histogram of angles, relative to term 0:
    high for term k when the weight repeats every 360/k degrees (4 for a square)."""
    n = len(angle)
    index = np.minimum(((angle + np.pi) / (2 * np.pi) * bins).astype(np.intp), bins - 1)
    index += np.arange(n)[:, None, None] * bins
    histogram = np.bincount(index.ravel(), weights=weight.ravel(), minlength=n * bins)
    spectrum = np.abs(np.fft.rfft(histogram.reshape(n, bins), axis=1))
    return spectrum[:, 2:7] / (spectrum[:, :1] + 1e-9)


@dataclass(frozen=True)
class CrowdModel:
    """A classifier trained on crowd labels: ``estimator`` (scikit-learn pipeline on
    :func:`features`), the ``classes`` it can answer, and the tasks it was ``trained_on``."""

    estimator: object
    classes: tuple
    trained_on: pd.Index

    def predict(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(answer, confidence) per image: the most probable class and its probability."""
        probabilities = self.estimator.predict_proba(features(images))
        best = probabilities.argmax(axis=1)
        return np.asarray(self.classes, dtype=object)[best], probabilities.max(axis=1)


def _check_data(data):
    """The dataset interface of :mod:`labelsim.datasets`, with images."""
    _check_dataset(data, images=True)
    return data


def _positions(data, tasks, name: str) -> np.ndarray:
    if not tasks.is_unique:
        raise ValueError(f"{name} has repeated tasks: each task at most once")
    positions = data.truth.index.get_indexer(tasks)
    if (positions < 0).any():
        raise ValueError(f"{name} has task(s) not in data, e.g. {list(pd.Index(tasks)[positions < 0][:3])}")
    return positions


def _check_labels(name: str, labels) -> pd.Series:
    if not isinstance(labels, pd.Series):
        raise TypeError(f"{name} must be a pandas Series task -> label, got {type(labels).__name__}")
    if labels.empty or labels.isna().any():
        raise ValueError(f"{name} must be a non-empty Series task -> label without missing values")
    return labels


def train_on_crowd_labels(data: Shapes, labels: pd.Series, *, train_fraction: float = 0.5,
                          seed: int = 0) -> CrowdModel:
    """Train a classifier on a seeded random ``train_fraction`` of the crowd-labelled tasks.

    ``labels`` is a Series task -> crowd label (e.g. ``ls.aggregate.dawid_skene(...).labels``).
    The model is a standardised logistic regression on :func:`features`. The remaining
    tasks are left for :func:`route`, so the model is never scored on what it learned from.

    >>> from labelsim import datasets
    >>> data = datasets.shapes(n_items=200, seed=0)
    >>> model = train_on_crowd_labels(data, data.truth, train_fraction=0.5, seed=1)
    >>> len(model.trained_on), model.classes
    (100, ('circle', 'square', 'triangle'))
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    data = _check_data(data)
    labels = _check_labels("labels", labels)
    train_fraction = check_real("train_fraction", train_fraction, 0.0, 1.0, low_open=True)
    n_train = round(train_fraction * len(labels))
    if n_train < 1:
        raise ValueError(f"train_fraction={train_fraction} of {len(labels)} labelled tasks "
                         f"leaves no task to train on; raise it")
    chosen = np.sort(rng(seed).permutation(len(labels))[:n_train])
    train = labels.iloc[chosen]
    if train.nunique() < 2:
        raise ValueError("labels must contain at least 2 different classes among the training tasks")
    x = features(data.images[_positions(data, train.index, "labels")])
    estimator = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    with threadpool_limits(1):  # one BLAS thread: a small fit is 2-3 times faster without thread hand-offs
        estimator.fit(x, train.to_numpy())
    classes = tuple(estimator.classes_.tolist())
    return CrowdModel(estimator, classes, pd.Index(train.index, name="task"))


@dataclass(frozen=True)
class Routing:
    """What happened to each item (``decisions``, index task: answer, confidence, to_human,
    final_label, correct) and the ``ledger`` of the human work it took."""

    decisions: pd.DataFrame
    ledger: Ledger
    threshold: float
    mode: str


def _check_mode(mode) -> str:
    return check_choice("mode", mode, tuple(MODES))


def _human_draws(n: int, classes: tuple, truth: np.ndarray, human_accuracy: float, seed):
    """Per item: would a person get it right, and which wrong class they would give."""
    g = rng(seed)
    right = g.random(n) < human_accuracy
    codes = np.asarray(pd.Categorical(truth, categories=classes).codes)
    wrong = np.asarray(classes, dtype=object)[(codes + g.integers(1, len(classes), n)) % len(classes)]
    return right, wrong


def _final(answer, truth, to_human, mode, right, wrong) -> np.ndarray:
    if mode == "imitate":
        return np.where(to_human, np.where(right, truth, wrong), answer)
    caught = to_human & (answer != truth) & right
    return np.where(caught, truth, answer)


def route(model: CrowdModel, data: Shapes, *, threshold: float,
          tasks: Sequence[int] | None = None, mode: str = "verify",
          human_accuracy: float = 0.95, seconds_per_check: float = 5.0,
          pay_per_check: float = 0.02, n_people: int = 5, seed: int = 0) -> Routing:
    """Answer ``tasks`` with ``model``; items with confidence below ``threshold`` go to people.

    ``tasks`` (task ids of ``data``, each at most once) defaults to every task of ``data`` the
    model was not trained on. Each routed item costs ``seconds_per_check`` and
    ``pay_per_check``; the work is shared round-robin by ``n_people`` people (at most
    ``MAX_WORKERS``; ids ``v000``... for verifiers, ``i000``... for imitators).

    >>> from labelsim import datasets
    >>> data = datasets.shapes(n_items=200, seed=0)
    >>> model = train_on_crowd_labels(data, data.truth, seed=1)
    >>> routing = route(model, data, threshold=0.9, mode="verify", seed=2)
    >>> len(routing.decisions), len(routing.ledger) == routing.decisions.to_human.sum()
    (100, np.True_)
    """
    if not isinstance(model, CrowdModel):
        raise TypeError(f"model must come from train_on_crowd_labels, got {type(model).__name__}")
    data = _check_data(data)
    threshold = check_probability("threshold", threshold)
    mode = _check_mode(mode)
    human_accuracy = check_probability("human_accuracy", human_accuracy)
    seconds_per_check = check_seconds("seconds_per_check", seconds_per_check)
    pay_per_check = check_pay("pay_per_check", pay_per_check)
    n_people = check_int("n_people", n_people, 1, MAX_WORKERS)
    if tasks is None:
        tasks = data.truth.index.difference(model.trained_on)
    elif isinstance(tasks, (str, bytes)) or np.ndim(tasks) != 1:
        raise TypeError(f"tasks must be a 1-d list or array of task ids, got {type(tasks).__name__}")
    tasks = pd.Index(tasks)
    if tasks.empty:
        raise ValueError("tasks is empty: no item to route")
    positions = _positions(data, tasks, "tasks")
    truth = data.truth.to_numpy()[positions]
    answer, confidence = model.predict(data.images[positions])
    to_human = confidence < threshold
    right, wrong = _human_draws(len(tasks), tuple(data.classes), truth, human_accuracy, seed)
    final = _final(answer, truth, to_human, mode, right, wrong)
    decisions = pd.DataFrame({"answer": answer, "confidence": confidence, "to_human": to_human,
                              "final_label": final, "correct": final == truth},
                             index=pd.Index(tasks, name="task"))
    role, activity, prefix = MODES[mode]
    routed = tasks[to_human]
    people = np.array([f"{prefix}{k:03d}" for k in range(n_people)])
    ledger = Ledger.from_records(people[np.arange(len(routed)) % n_people], role, activity,
                                 seconds_per_check, pay_per_check, True, task=np.asarray(routed))
    return Routing(decisions, ledger, threshold, mode)


def automation_curve(data: Shapes, crowd_labels: pd.Series, *, model: CrowdModel | None = None,
                     thresholds: float | Sequence[float] = DEFAULT_THRESHOLDS,
                     mode: str = "verify", human_accuracy: float = 0.95,
                     seconds_per_check: float = 5.0, pay_per_check: float = 0.02,
                     train_fraction: float = 0.5, seed: int = 0) -> pd.DataFrame:
    """Trade-off between automation and accuracy, one row per confidence threshold.

    Trains on ``train_fraction`` of the crowd-labelled tasks (seeded split), or uses ``model``
    (from :func:`train_on_crowd_labels`, which saves a second fit; ``train_fraction`` then
    plays no part), and scores the other tasks against ``data.truth``. Columns: threshold, automation_rate (share answered
    by the model alone), model_accuracy (accuracy of the model on those items; NaN if none),
    system_accuracy (model + people, on all scored items), human_items, human_seconds,
    human_cost. The same simulated people (same right/wrong draws) serve every threshold.

    >>> from labelsim import datasets
    >>> data = datasets.shapes(n_items=300, seed=0)
    >>> curve = automation_curve(data, data.truth, thresholds=[0.0, 1.0], seed=1)
    >>> curve.automation_rate.tolist()
    [1.0, 0.0]
    """
    data = _check_data(data)
    crowd_labels = _check_labels("crowd_labels", crowd_labels)
    mode = _check_mode(mode)
    human_accuracy = check_probability("human_accuracy", human_accuracy)
    seconds_per_check = check_seconds("seconds_per_check", seconds_per_check)
    pay_per_check = check_pay("pay_per_check", pay_per_check)
    if isinstance(thresholds, (str, bytes)) or np.ndim(thresholds) > 1:
        raise TypeError(f"thresholds must be a number or a 1-d list of numbers in [0, 1], got "
                        f"{thresholds!r:.60}")
    thresholds = [check_probability("thresholds", t) for t in np.atleast_1d(thresholds).tolist()]
    if not 1 <= len(thresholds) <= 1000:
        raise ValueError(f"thresholds must hold 1 to 1000 values in [0, 1], got {len(thresholds)}")
    if model is None:
        model = train_on_crowd_labels(data, crowd_labels, train_fraction=train_fraction, seed=seed)
    elif not isinstance(model, CrowdModel):
        raise TypeError(f"model must be None or come from train_on_crowd_labels, got {type(model).__name__}")
    else:
        check_real("train_fraction", train_fraction, 0.0, 1.0, low_open=True)
    tasks = pd.Index(crowd_labels.index).difference(model.trained_on)
    if tasks.empty:
        raise ValueError("train_fraction leaves no crowd-labelled task to score; lower it")
    positions = _positions(data, tasks, "crowd_labels")
    truth = data.truth.to_numpy()[positions]
    answer, confidence = model.predict(data.images[positions])
    right, wrong = _human_draws(len(tasks), tuple(data.classes), truth, human_accuracy, seed)
    rows = []
    for threshold in thresholds:
        to_human = confidence < threshold
        final = _final(answer, truth, to_human, mode, right, wrong)
        kept = ~to_human
        n_human = int(to_human.sum())
        rows.append({
            "threshold": threshold,
            "automation_rate": kept.mean(),
            "model_accuracy": (answer[kept] == truth[kept]).mean() if kept.any() else np.nan,
            "system_accuracy": (final == truth).mean(),
            "human_items": n_human,
            "human_seconds": n_human * seconds_per_check,
            "human_cost": n_human * pay_per_check,
        })
    return pd.DataFrame(rows)
