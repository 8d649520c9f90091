"""Run a labeling job: who labels what, gold items, pay, rejections and unpaid time.

Each item goes to ``redundancy`` distinct workers, with the load spread evenly (workers get
the same number of labels, give or take one). A share of items are *gold* (the requester
knows the answer); a worker whose answers to gold items fall below ``gold_threshold`` is
rejected and, as on Amazon Mechanical Turk, not paid for any of their work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import (check_choice, check_int, check_pay, check_probability, check_real,
                        check_seconds, rng)
from .datasets import BOX_COLUMNS, Answers, Scenes, Shapes, _check_dataset, _check_scenes
from .ledger import Ledger
from .workers import WorkerPool, _check_pool, sample_labels, sample_seconds

GUIDELINES = ("longer", "shorter", "coin")


@dataclass(frozen=True)
class Job:
    """The outcome of a labeling job and the parameters that produced it.

    ``annotations``: one row per label (task, worker, label, seconds, pay, is_gold, rejected,
    paid, session_index = the label's position in the worker's session). ``gold``: the gold
    task ids; ``rejected``: the rejected worker ids; ``gold_scores``: per worker (index
    ``worker``), ``gold_answered``, ``gold_right``, ``gold_accuracy`` (the names
    ``quality.worker_scores`` uses) and ``rejected``. ``pay_per_label`` is the pay per unit of
    work: per label, per box or per comparison.
    """

    annotations: pd.DataFrame
    ledger: Ledger
    gold: tuple[int, ...]
    rejected: tuple[str, ...]
    gold_scores: pd.DataFrame
    redundancy: int
    pay_per_label: float
    gold_fraction: float
    gold_threshold: float
    seed: int


def run_job(data: Shapes, pool: WorkerPool, *, redundancy: int = 3, pay_per_label: float = 0.02,
            gold_fraction: float = 0.1, gold_threshold: float = 0.6,
            search_seconds: float = 300.0, instructions_seconds: float = 120.0,
            qualification_seconds: float = 0.0, seed: int = 0) -> Job:
    """Simulate a classification job on ``data`` (e.g. ``datasets.shapes``; any object with
    the dataset interface of :mod:`labelsim.datasets`) with ``pool``.

    Pay is per label (currency units); seconds per label come from each worker's speed. Every
    worker who gets work also spends unpaid time: ``search_seconds`` finding the job,
    ``instructions_seconds`` reading it, ``qualification_seconds`` on a test (0 = none).
    These defaults are illustrative. Labels are the ``trainer`` role, gold answers
    ``verifier``.

    >>> from labelsim import datasets, workers
    >>> data = datasets.shapes(n_items=50, seed=0)
    >>> job = run_job(data, workers.WorkerPool.uniform(10, accuracy=0.8, seed=1), redundancy=3,
    ...               seed=2)
    >>> len(job.annotations), job.annotations.groupby("task").worker.nunique().eq(3).all()
    (150, np.True_)
    """
    truth, classes, ambiguity = _check_dataset(data)
    pool = _check_pool(pool)
    redundancy = _check_redundancy(redundancy, pool)
    pay_per_label = check_pay("pay_per_label", pay_per_label)
    gold_fraction = check_probability("gold_fraction", gold_fraction)
    gold_threshold = check_probability("gold_threshold", gold_threshold)
    unpaid = _check_unpaid(search_seconds, instructions_seconds, qualification_seconds)
    g = rng(seed)
    n_items, n_workers = len(truth), len(pool)

    workers, session = _assign(n_items, n_workers, redundancy, g)
    task = np.repeat(np.arange(n_items), redundancy)
    gold = np.sort(g.choice(n_items, round(gold_fraction * n_items), replace=False))
    is_gold = np.zeros(n_items, dtype=bool)
    is_gold[gold] = True
    is_gold = is_gold[task]
    true_index = truth[task]
    labels = sample_labels(pool, workers, true_index, len(classes),
                           ambiguity=None if ambiguity is None else ambiguity[task],
                           session_index=session, seed=_child_seed(g))
    seconds = sample_seconds(pool, workers, seed=_child_seed(g))

    answered = np.bincount(workers[is_gold], minlength=n_workers)
    right = np.bincount(workers[is_gold], weights=labels[is_gold] == true_index[is_gold],
                        minlength=n_workers)
    with np.errstate(invalid="ignore", divide="ignore"):
        gold_accuracy = np.where(answered > 0, right / answered, np.nan)
    rejected_worker = (answered > 0) & (gold_accuracy < gold_threshold)
    rejected = rejected_worker[workers]
    ids = np.array(pool.ids)
    annotations = pd.DataFrame({
        "task": task,
        "worker": _strings(pool.ids, workers),
        "label": _strings(classes, labels),
        "seconds": seconds,
        "pay": np.where(rejected, 0.0, pay_per_label),
        "is_gold": is_gold,
        "rejected": rejected,
        "paid": ~rejected,
        "session_index": session,
    })
    gold_scores = pd.DataFrame({"gold_answered": answered, "gold_right": right.astype(int),
                                "gold_accuracy": gold_accuracy, "rejected": rejected_worker},
                               index=pd.Index(ids, name="worker"))
    active = ids[np.bincount(workers, minlength=n_workers) > 0]
    gold_codes = annotations["is_gold"].to_numpy().astype(np.int64)
    ledger = _job_ledger(annotations, _strings(("trainer", "verifier"), gold_codes),
                         _strings(("label", "gold"), gold_codes), active, unpaid)
    return Job(annotations, ledger, tuple(int(t) for t in gold),
               tuple(ids[rejected_worker].tolist()), gold_scores, redundancy, pay_per_label,
               gold_fraction, gold_threshold, seed)


def run_box_job(scenes: Scenes, pool: WorkerPool, *, redundancy: int = 3,
                pay_per_box: float = 0.03, seed: int = 0) -> Job:
    """Simulate a bounding-box job: each scene goes to ``redundancy`` distinct workers, who
    draw every object's box; a worker's box corners are off by a Gaussian error whose spread
    grows as accuracy falls (a spammer draws as if accuracy were 0). No gold, no rejection.

    >>> from labelsim import datasets, workers
    >>> s = datasets.scenes(n_items=20, seed=0)
    >>> job = run_box_job(s, workers.WorkerPool.uniform(5, accuracy=0.9, seed=1), redundancy=2,
    ...                   seed=3)
    >>> len(job.annotations) == 2 * len(s.boxes)
    True
    """
    scenes = _check_scenes(scenes)
    pool = _check_pool(pool)
    redundancy = _check_redundancy(redundancy, pool)
    pay_per_box = check_pay("pay_per_box", pay_per_box)
    g = rng(seed)
    n_scenes = len(scenes)
    workers, _ = _assign(n_scenes, len(pool), redundancy, g)
    boxes = scenes.boxes
    # one row per (object, worker): the scene's assignment repeated for each of its objects
    per_scene = workers.reshape(n_scenes, redundancy)
    object_workers = per_scene[boxes["task"].to_numpy()].reshape(-1)
    rows = np.repeat(np.arange(len(boxes)), redundancy)
    truth = boxes[list(BOX_COLUMNS)].to_numpy()[rows]
    accuracy = np.nan_to_num(np.array([w.accuracy for w in pool.workers]), nan=0.0)[object_workers]
    side = np.maximum(truth[:, 2] - truth[:, 0], truth[:, 3] - truth[:, 1])
    spread = 0.3 + 0.5 * (1 - accuracy) * side
    drawn = truth + g.standard_normal(truth.shape) * spread[:, None]
    drawn = np.clip(drawn, 0, scenes.images.shape[-1])
    x0, x1 = np.sort(drawn[:, [0, 2]], axis=1).T
    y0, y1 = np.sort(drawn[:, [1, 3]], axis=1).T
    seconds = sample_seconds(pool, object_workers, seed=_child_seed(g))
    annotations = pd.DataFrame({
        "task": boxes["task"].to_numpy()[rows],
        "object": boxes["object"].to_numpy()[rows],
        "worker": _strings(pool.ids, object_workers),
        "label": boxes["label"].to_numpy()[rows],
        "x0": x0, "y0": y0, "x1": x1, "y1": y1,
        "seconds": seconds,
        "pay": pay_per_box,
        "is_gold": False,
        "rejected": False,
        "paid": True,
    })
    ledger = Ledger.from_records(annotations["worker"], "trainer", "box", seconds, pay_per_box,
                                 True, task=annotations["task"])
    return Job(annotations, ledger, (), (), pd.DataFrame(), redundancy, pay_per_box, 0.0, 0.0, seed)


def run_pairwise_job(answers: Answers, pool: WorkerPool, *, redundancy: int = 3,
                     n_pairs: int | None = None, noise: float = 0.5, close_call: float = 0.25,
                     guideline: str = "longer", pay_per_comparison: float = 0.05,
                     search_seconds: float = 300.0, instructions_seconds: float = 120.0,
                     qualification_seconds: float = 0.0, seed: int = 0) -> Job:
    """Simulate a preference job: raters see two answers and say which one is better.

    Every pair of ``answers`` (or ``n_pairs`` of them, drawn at random) goes to ``redundancy``
    distinct workers, each shown the two answers in a random left/right order. A rater reads
    the quality difference with a Gaussian error of spread ``noise`` (quality units). When the
    difference they read is below ``close_call``, the case is a close call and the
    ``guideline`` decides it: ``"longer"`` or ``"shorter"`` prefers that answer (a coin for
    equal lengths), ``"coin"`` flips a coin. Otherwise the rater prefers the answer that looks
    better. From the pool: speed (seconds per comparison), spammers (``"constant"`` always
    picks the left answer, ``"random"`` flips a coin), adversarial workers (they prefer the
    worse-looking answer), sloppiness (a share of close calls guessed rather than decided by
    the guideline) and fatigue (a growing share guessed); ``accuracy`` plays no part.
    ``noise`` and ``close_call`` are in [0, 10] (quality is standard normal); ``n_pairs`` is
    1 to n(n-1)/2 for n answers.

    ``annotations`` is Crowd-Kit's pairwise format (``worker``, ``left``, ``right``, ``label`` =
    the preferred item) plus ``task`` (the pair's number), ``seconds``, ``pay``, ``paid``,
    ``close_call``, ``gap`` (true quality of left minus right, which no rater sees) and
    ``session_index``. Pay is per comparison, none rejected; unpaid time as in
    :func:`run_job`. Comparisons are the ``trainer`` role (activity ``comparison``).

    >>> from labelsim import aggregate, datasets, workers
    >>> answers = datasets.answers(n_items=6, seed=0)
    >>> pool = workers.WorkerPool.uniform(5, seed=1)
    >>> job = run_pairwise_job(answers, pool, guideline="coin", seed=2)
    >>> len(job.annotations), list(job.annotations.columns[:5])
    (45, ['task', 'worker', 'left', 'right', 'label'])
    >>> aggregate.bradley_terry(job.annotations).sort_values(ascending=False).index.tolist()
    ['a002', 'a005', 'a000', 'a001', 'a003', 'a004']
    >>> answers.quality.sort_values(ascending=False).index.tolist()
    ['a002', 'a005', 'a000', 'a003', 'a001', 'a004']
    """
    if not isinstance(answers, Answers):
        raise TypeError(f"answers must be a datasets.Answers (from datasets.answers), "
                        f"got {type(answers).__name__}")
    pool = _check_pool(pool)
    redundancy = _check_redundancy(redundancy, pool)
    n_items = len(answers)
    all_pairs = n_items * (n_items - 1) // 2
    if n_pairs is not None:
        n_pairs = check_int("n_pairs", n_pairs, 1, all_pairs)
    noise = check_real("noise", noise, 0.0, 10.0)
    close_call = check_real("close_call", close_call, 0.0, 10.0)
    guideline = check_choice("guideline", guideline, GUIDELINES)
    pay_per_comparison = check_pay("pay_per_comparison", pay_per_comparison)
    unpaid = _check_unpaid(search_seconds, instructions_seconds, qualification_seconds)
    g = rng(seed)

    first, second = np.triu_indices(n_items, k=1)
    if n_pairs is not None:
        chosen = np.sort(g.choice(all_pairs, n_pairs, replace=False))
        first, second = first[chosen], second[chosen]
    n_pairs = len(first)
    workers, session = _assign(n_pairs, len(pool), redundancy, g)
    task = np.repeat(np.arange(n_pairs), redundancy)
    swap = g.random(task.size) < 0.5
    left = np.where(swap, second[task], first[task])
    right = np.where(swap, first[task], second[task])
    quality = answers.items["quality"].to_numpy(float)
    length = answers.items["length"].to_numpy(float)
    gap = quality[left] - quality[right]
    seen = gap + noise * g.standard_normal(task.size)
    coin = g.random(task.size) < 0.5
    close = np.abs(seen) < close_call
    by_length = np.sign(length[left] - length[right]) * (1 if guideline == "longer" else -1)
    rule = coin if guideline == "coin" else np.where(by_length == 0, coin, by_length > 0)
    kind = np.array([w.kind for w in pool.workers])[workers]
    spam = np.array([w.spam or "" for w in pool.workers])[workers]
    picks_left = np.where(close, rule, (seen > 0) != (kind == "adversarial"))
    sloppiness = np.array([w.sloppiness for w in pool.workers])[workers]
    fatigue = np.array([w.fatigue for w in pool.workers])[workers]
    guess_share = 1 - (1 - sloppiness * close) * (1 - np.minimum(1.0, fatigue * session / 100.0))
    guess = (g.random(task.size) < guess_share) | (spam == "random")
    picks_left = np.where(guess, g.random(task.size) < 0.5, picks_left)
    picks_left = picks_left | (spam == "constant")
    seconds = sample_seconds(pool, workers, seed=_child_seed(g))
    ids = answers.items["item"].to_numpy()
    annotations = pd.DataFrame({
        "task": task,
        "worker": _strings(pool.ids, workers),
        "left": _strings(ids, left),
        "right": _strings(ids, right),
        "label": _strings(ids, np.where(picks_left, left, right)),
        "seconds": seconds,
        "pay": pay_per_comparison,
        "paid": True,
        "close_call": close,
        "gap": gap,
        "session_index": session,
    })
    active = np.array(pool.ids)[np.bincount(workers, minlength=len(pool)) > 0]
    ledger = _job_ledger(annotations, "trainer", "comparison", active, unpaid)
    return Job(annotations, ledger, (), (), pd.DataFrame(), redundancy, pay_per_comparison,
               0.0, 0.0, seed)


def _assign(n_items: int, n_workers: int, redundancy: int, g: np.random.Generator):
    """Workers for each item (flat, ``redundancy`` per item, items in task order) and each
    label's position in its worker's session.

    Items are taken in a random order, in blocks of ``n_workers``; in a block, item i gets the
    workers at positions i*r .. i*r+r-1 (mod n_workers) of a fresh random permutation, so an
    item's workers are distinct and each worker gets r labels per full block.
    """
    order = g.permutation(n_items)
    position = np.arange(n_items)
    n_blocks = -(-n_items // n_workers)
    permutations = np.argsort(g.random((n_blocks, n_workers)), axis=1)
    slots = (position % n_workers)[:, None] * redundancy + np.arange(redundancy)
    workers = permutations[(position // n_workers)[:, None], slots % n_workers]
    # labels happen in position order: a worker's session index counts their earlier labels
    flat = workers.reshape(-1)
    by_worker = np.argsort(flat, kind="stable")
    counts = np.bincount(flat, minlength=n_workers)
    session = np.empty(flat.size, dtype=np.int64)
    session[by_worker] = np.arange(flat.size) - np.repeat(np.cumsum(counts) - counts, counts)
    in_task_order = np.argsort(order)  # row of each task in position order
    return (workers[in_task_order].reshape(-1),
            session.reshape(n_items, redundancy)[in_task_order].reshape(-1))


def _check_unpaid(search_seconds, instructions_seconds, qualification_seconds) -> dict:
    """Unpaid seconds per active worker, by activity."""
    return {"search": check_seconds("search_seconds", search_seconds),
            "instructions": check_seconds("instructions_seconds", instructions_seconds),
            "qualification": check_seconds("qualification_seconds", qualification_seconds)}


def _job_ledger(annotations: pd.DataFrame, role, activity, active: np.ndarray,
                unpaid: dict) -> Ledger:
    """The job's work (one entry per row of ``annotations``) and each active worker's unpaid
    time (role ``trainer``, one entry per activity with seconds > 0)."""
    work = Ledger.from_records(annotations["worker"], role, activity, annotations["seconds"],
                               annotations["pay"], annotations["paid"].to_numpy(),
                               task=annotations["task"])
    activities = [a for a, s in unpaid.items() if s > 0]
    if not activities or active.size == 0:
        return work
    overhead = Ledger.from_records(np.tile(active, len(activities)), "trainer",
                                   np.repeat(activities, active.size),
                                   np.repeat([unpaid[a] for a in activities], active.size),
                                   0.0, False)
    return work + overhead


def _check_redundancy(redundancy, pool: WorkerPool) -> int:
    redundancy = check_int("redundancy", redundancy)
    if redundancy > len(pool):
        raise ValueError(f"redundancy must be at most the pool size ({len(pool)} workers), "
                         f"got {redundancy}: each item needs distinct workers")
    return redundancy


def _strings(values, index: np.ndarray) -> pd.Index:
    """``values[index]`` as a pandas string column (much faster than numpy's unicode arrays)."""
    return pd.Index(list(values), dtype="str").take(index)


def _child_seed(g: np.random.Generator) -> int:
    """A seed for a sub-step, drawn from the job's generator."""
    return int(g.integers(2**63))

