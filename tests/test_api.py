"""The public API under bad input, generated (in the spirit of scikit-learn's parameter tests).

``CASES`` holds one valid call of every public function, class and method of labelsim, with a
valid value for *every* parameter and the bad values to try instead (wrong type, NaN,
infinity, negative, out of range, absurd size, wrong column set, repeated rows...). For each
parameter in turn, each bad value must raise a ValueError or TypeError whose message names
the parameter. A public callable without a case, or a parameter without a valid value, fails
``test_every_public_parameter_has_a_case``, so a new parameter cannot skip validation.
The docstring examples run here too.
"""

from __future__ import annotations

import doctest
import functools
import importlib
import inspect
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import labelsim
from labelsim import aggregate, automation, collect, datasets, ledger, plots, quality, wages, workers
from labelsim.ledger import Ledger
from labelsim.workers import Worker, WorkerPool

NOT_COVERED: set[str] = set()  # modules left out of the generated tests: none
# Results: returned by labelsim, never taken as input (their inputs are checked upstream).
RESULTS = {"collect.Job", "aggregate.AggregationResult", "automation.CrowdModel",
           "automation.Routing"}

# --- bad-value families --------------------------------------------------------------------

NAN, INF = math.nan, math.inf


def seed():
    return ["1", 2.5, True, -1, NAN, None]


def count(valid=None):
    """A count with a ceiling: wrong types, zero, negative, absurd."""
    return ["3", 2.5, True, 0, -1, NAN, INF, 10**9, None]


def share():
    return ["0.5", True, NAN, INF, -0.1, 1.5, None, [0.5]]


def amount():
    """A finite real >= 0 with a documented ceiling (seconds, pay, noise, tolerance...)."""
    return ["1", True, NAN, INF, -INF, -1.0, 1e308, None, [1.0]]


def choice():
    return ["no-such-option", 3, [], None]


def not_none(values: list) -> list:
    """A family without None, for an optional parameter (None is its valid default)."""
    return [v for v in values if v is not None]


def thing():
    """An object of a labelsim type (dataset, pool, model, ledger)."""
    return ["x", None, 3, {}]


def frame(valid: pd.DataFrame, empty_is_valid: bool = False):
    bad = ["x", valid.to_dict("list"), valid.rename(columns=str.upper), pd.DataFrame()]
    return bad if empty_is_valid else bad + [valid.iloc[:0]]


def annotations_bad(valid: pd.DataFrame):
    with_nan = valid.copy()
    with_nan["label"] = with_nan["label"].astype(object)
    with_nan.loc[with_nan.index[0], "label"] = None
    repeated = pd.concat([valid, valid.iloc[:1]], ignore_index=True)
    return frame(valid) + [with_nan, repeated]


def series(valid: pd.Series):
    with_nan = valid.astype(object).copy()
    with_nan.iloc[0] = None
    return ["x", valid.to_dict(), valid.iloc[:0], with_nan, valid.to_frame()]


def indices(valid: np.ndarray, high: int):
    """Bad integer index arrays: a string, 2-d, out of range either side, floats."""
    return ["x", valid.reshape(1, -1), valid - high - 1, valid + high, valid.astype(float) + 0.5]


# --- shared valid inputs (built once, small) -----------------------------------------------

@functools.cache
def inputs() -> SimpleNamespace:
    data = datasets.shapes(n_items=60, n_classes=3, seed=0)
    pool = WorkerPool.uniform(n_workers=6, accuracy=0.8, seed=0)
    job = collect.run_job(data, pool, redundancy=3, gold_fraction=0.2, seed=1)
    scenes = datasets.scenes(n_items=4, seed=0)
    answers = datasets.answers(n_items=5, seed=0)
    comparisons = collect.run_pairwise_job(answers, pool, redundancy=2, guideline="coin",
                                           seed=2).annotations
    annotations = job.annotations
    labels = aggregate.majority_vote(annotations).labels
    model = automation.train_on_crowd_labels(data, data.truth, seed=0)
    led = job.ledger
    return SimpleNamespace(data=data, pool=pool, job=job, scenes=scenes, answers=answers,
                           comparisons=comparisons, annotations=annotations, labels=labels,
                           model=model, ledger=led, wages=wages.effective_wages(led),
                           weights=pd.Series(1.0, index=list(pool.ids)))


@functools.cache
def plot_inputs() -> SimpleNamespace:
    """Valid inputs of the figures: box annotations, curves, a confusion matrix, scores."""
    from matplotlib.figure import Figure

    i = inputs()
    boxes = collect.run_box_job(i.scenes, i.pool, redundancy=2, seed=0).annotations
    accuracy = pd.DataFrame({"redundancy": [1, 3, 5] * 2, "accuracy": [0.7, 0.78, 0.84, 0.7, 0.8, 0.86],
                             "method": ["mv"] * 3 + ["ds"] * 3, "low": [0.68, 0.76, 0.82] * 2,
                             "high": [0.72, 0.8, 0.86] * 2})
    tradeoff = pd.DataFrame({"threshold": [0.0, 0.9] * 2, "automation_rate": [1.0, 0.6] * 2,
                             "model_accuracy": [0.85, 0.97] * 2, "system_accuracy": [0.85, 0.95] * 2,
                             "human_items": [0, 40] * 2, "human_seconds": [0.0, 200.0] * 2,
                             "mode": ["verify"] * 2 + ["imitate"] * 2})
    return SimpleNamespace(boxes=boxes, accuracy=accuracy, tradeoff=tradeoff, figure=Figure(),
                           matrix=i.pool.confusion("w000", i.data.classes),
                           agreement=quality.agreement_with_aggregate(i.annotations, i.labels),
                           kinds=i.pool.table["kind"])


def duplicate_classes(data):
    return SimpleNamespace(truth=data.truth, classes=data.classes + data.classes[:1])


def broken_scenes(change):
    scenes = datasets.scenes(n_items=4, seed=0)
    change(scenes.boxes)  # in place: a Scenes is frozen, its frame is not
    return scenes


def datasets_bad(data, images: bool = False):
    bad = thing() + [duplicate_classes(data),
                     SimpleNamespace(truth=data.truth.reset_index(drop=True).set_axis(
                         range(1, len(data.truth) + 1)), classes=data.classes),
                     SimpleNamespace(truth=data.truth, classes=data.classes[:1]),
                     SimpleNamespace(truth=data.truth.iloc[:0], classes=data.classes)]
    if images:
        bad.append(SimpleNamespace(truth=data.truth, classes=data.classes, images=data.images[:3]))
    return bad


def wages_bad(wages: pd.DataFrame):
    return frame(wages) + [wages * NAN, wages.assign(effective_hourly_wage=-1.0), wages.astype(str)]


def _case(target, **params):
    """``target`` (a callable, or a function returning one) and, per parameter, (valid, bad)."""
    return target, params


def cases() -> dict:
    i = inputs()
    d, pool, job = i.data, i.pool, i.job
    worker_index = np.array([0, 1, 2, 3])
    true_index = np.array([0, 1, 2, 0])
    entries = i.ledger.entries
    bad_entries = [entries.assign(role="boss"), entries.assign(task=entries["task"] + 0.5),
                   entries.assign(worker=None), entries.assign(seconds=-1.0),
                   entries.assign(pay=INF), entries.assign(paid=1)]
    comparisons = i.comparisons
    first = comparisons.iloc[:1]
    p = plot_inputs()
    return {
        # datasets
        "datasets.shapes": _case(datasets.shapes, n_items=(20, count()), n_classes=(3, count()),
                                 ambiguity=(0.2, share()), seed=(0, seed())),
        "datasets.scenes": _case(datasets.scenes, n_items=(3, count()), max_objects=(2, count()),
                                 n_classes=(3, count()), seed=(0, seed())),
        "datasets.answers": _case(datasets.answers, n_items=(5, count()), seed=(0, seed())),
        "datasets.iou": _case(datasets.iou,
                              boxes_a=([[0, 0, 2, 2]], ["x", [[0, 0, 1]], [[2, 0, 1, 1]],
                                                        [[0, 0, NAN, 1]], [[0, 0, INF, 1]]]),
                              boxes_b=([[1, 0, 3, 2]], ["x", [[0, 0, 1, 1]] * 2, None])),
        "datasets.Shapes": _case(datasets.Shapes, items=(d.items, frame(d.items)),
                                 images=(d.images, ["x", d.images[:5], d.images[0]]),
                                 classes=(d.classes, [d.classes[:1], d.classes * 2, 3])),
        "datasets.Scenes": _case(datasets.Scenes,
                                 boxes=(i.scenes.boxes, frame(i.scenes.boxes)[:4] + [
                                     i.scenes.boxes.drop(columns="x1"),
                                     i.scenes.boxes.assign(task=99),
                                     i.scenes.boxes.assign(x0=i.scenes.boxes["x1"] + 1)]),
                                 images=(i.scenes.images, ["x", i.scenes.images[0]]),
                                 classes=(i.scenes.classes, [(), ("nothing",), 3, None])),
        "datasets.Answers": _case(datasets.Answers, items=(i.answers.items, frame(i.answers.items) + [
            i.answers.items.assign(quality=NAN), i.answers.items.assign(item="a"),
            i.answers.items.assign(length=-1), i.answers.items.assign(quality="good")])),
        # workers
        "workers.Worker": _case(Worker, id=("w", ["", 3, None]), kind=("uniform", choice()),
                                accuracy=(0.8, share()), median_seconds=(10.0, amount() + [0.0]),
                                speed_sigma=(0.4, amount()), sloppiness=(0.0, share()),
                                fatigue=(0.0, amount()), spam=(None, ["random", 3]),
                                favourite=(0, ["1", 2.5, True, -1, NAN])),
        "workers.Worker.confusion": _case(lambda: Worker("w").confusion, n_classes=(3, count())),
        "workers.WorkerPool": _case(WorkerPool, workers=(pool.workers, thing() + [
            (), ("w",), list(pool.workers), pool.workers + pool.workers[:1]])),
        "workers.WorkerPool.worker": _case(lambda: pool.worker, worker=("w000", ["nobody", 3, None])),
        "workers.WorkerPool.confusion": _case(lambda: pool.confusion,
                                              worker=("w000", ["nobody", 3, None]),
                                              classes=(["a", "b"], ["ab", 3, None, ["a"], ["a", "a"],
                                                                    list(range(2000))])),
        "workers.WorkerPool.from_workers": _case(WorkerPool.from_workers,
                                                 workers=([Worker("a")], thing() + [[], [3]])),
        "workers.WorkerPool.uniform": _case(WorkerPool.uniform, n_workers=(3, count()),
                                            accuracy=(0.7, share()),
                                            median_seconds=(10.0, amount() + [0.0]),
                                            seed=(0, seed())),
        "workers.WorkerPool.mixed": _case(WorkerPool.mixed, n_workers=(5, count()),
                                          shares=(None, ["x", {}, {"boss": 1.0}, {"reliable": 0.5},
                                                         {"reliable": NAN}, {"reliable": "1"},
                                                         {"reliable": INF}]),
                                          seed=(0, seed())),
        "workers.sample_labels": _case(workers.sample_labels, pool=(pool, thing()),
                                       worker_index=(worker_index, indices(worker_index, 6)),
                                       true_index=(true_index, indices(true_index, 3) + [
                                           true_index[:-1]]),
                                       n_classes=(3, count()),
                                       ambiguity=(None, ["x", [0.5] * 3, [NAN] * 4, [2.0] * 4,
                                                         [INF] * 4]),
                                       session_index=(None, ["x", [1] * 3, [-1] * 4, [INF] * 4]),
                                       seed=(0, seed())),
        "workers.sample_seconds": _case(workers.sample_seconds, pool=(pool, thing()),
                                        worker_index=(worker_index, indices(worker_index, 6)),
                                        seed=(0, seed())),
        # collect
        "collect.run_job": _case(collect.run_job, data=(d, datasets_bad(d)), pool=(pool, thing()),
                                 redundancy=(2, count()), pay_per_label=(0.02, amount()),
                                 gold_fraction=(0.1, share()), gold_threshold=(0.6, share()),
                                 search_seconds=(300.0, amount()),
                                 instructions_seconds=(120.0, amount()),
                                 qualification_seconds=(0.0, amount()), seed=(0, seed())),
        "collect.run_box_job": _case(collect.run_box_job, scenes=(i.scenes, thing() + [
            d, broken_scenes(lambda b: b.pop("x1")),
            broken_scenes(lambda b: b.__setitem__("task", 99)),
            broken_scenes(lambda b: b.__setitem__("task", -1))]),
            pool=(pool, thing()), redundancy=(2, count()), pay_per_box=(0.03, amount()),
            seed=(0, seed())),
        "collect.run_pairwise_job": _case(collect.run_pairwise_job,
                                          answers=(i.answers, thing() + [d]), pool=(pool, thing()),
                                          redundancy=(2, count()), n_pairs=(None, count()[:-1] + [11]),
                                          noise=(0.5, amount()), close_call=(0.25, amount()),
                                          guideline=("longer", choice()),
                                          pay_per_comparison=(0.05, amount()),
                                          search_seconds=(300.0, amount()),
                                          instructions_seconds=(120.0, amount()),
                                          qualification_seconds=(0.0, amount()), seed=(0, seed())),
        # aggregate
        "aggregate.majority_vote": _case(aggregate.majority_vote,
                                         annotations=(i.annotations, annotations_bad(i.annotations)),
                                         seed=(0, seed())),
        "aggregate.weighted_majority_vote": _case(
            aggregate.weighted_majority_vote,
            annotations=(i.annotations, annotations_bad(i.annotations)),
            weights=(i.weights, ["x", i.weights.to_dict(), i.weights.iloc[:2], -i.weights,
                                 i.weights * NAN, i.weights * INF, i.weights.astype(str),
                                 i.weights * 0.0, pd.concat([i.weights, i.weights])]),
            seed=(0, seed())),
        "aggregate.dawid_skene": _case(aggregate.dawid_skene,
                                       annotations=(i.annotations, annotations_bad(i.annotations)),
                                       max_iter=(10, count()), tol=(1e-5, amount()),
                                       smoothing=(0.01, amount() + [0.0])),
        "aggregate.bradley_terry": _case(aggregate.bradley_terry, comparisons=(comparisons, frame(
            comparisons) + [pd.concat([comparisons, first], ignore_index=True),
                            pd.concat([comparisons, first.assign(left=first.right, right=first.left)],
                                      ignore_index=True),
                            comparisons.assign(label="nobody"), comparisons.assign(right=comparisons.left),
                            comparisons.assign(left=None)]),
            n_iter=(10, count()), tol=(1e-5, amount())),
        # quality
        "quality.accuracy": _case(quality.accuracy, labels=(i.labels, series(i.labels)),
                                  truth=(d.truth, series(d.truth))),
        "quality.cohen_kappa": _case(quality.cohen_kappa, a=(i.labels, series(i.labels)),
                                     b=(d.truth, series(d.truth))),
        "quality.fleiss_kappa": _case(quality.fleiss_kappa,
                                      annotations=(i.annotations, annotations_bad(i.annotations) + [
                                          i.annotations.iloc[1:]])),
        "quality.worker_scores": _case(quality.worker_scores,
                                       annotations=(i.annotations, annotations_bad(i.annotations)),
                                       gold_truth=(d.truth.iloc[:10], series(d.truth.iloc[:10]) + [
                                           pd.concat([d.truth.iloc[:2]] * 2)])),
        "quality.agreement_with_aggregate": _case(
            quality.agreement_with_aggregate,
            annotations=(i.annotations, annotations_bad(i.annotations)),
            labels=(i.labels, series(i.labels) + [i.labels.set_axis(i.labels.index + 1000)])),
        # automation
        "automation.features": _case(automation.features, images=(d.images[:4], [
            "x", d.images[0], d.images[:4, :30, :30], d.images[:4] * NAN, d.images[:4] > 0, None])),
        "automation.CrowdModel.predict": _case(lambda: i.model.predict,
                                               images=(d.images[:4], ["x", d.images[0], None])),
        "automation.train_on_crowd_labels": _case(
            automation.train_on_crowd_labels, data=(d, datasets_bad(d, images=True)),
            labels=(d.truth, series(d.truth) + [d.truth.set_axis(d.truth.index + 1000)]),
            train_fraction=(0.5, share() + [0.0, 0.001]), seed=(0, seed())),
        "automation.route": _case(
            automation.route, model=(i.model, thing()), data=(d, datasets_bad(d, images=True)),
            threshold=(0.9, share()), tasks=(None, ["x", [10**6], [[1]], [1, 1], ["a"], []]),
            mode=("verify", choice()), human_accuracy=(0.95, share()),
            seconds_per_check=(5.0, amount()), pay_per_check=(0.02, amount()),
            n_people=(2, count()), seed=(0, seed())),
        "automation.automation_curve": _case(
            automation.automation_curve, data=(d, datasets_bad(d, images=True)),
            crowd_labels=(d.truth, series(d.truth)), model=(None, ["x", 3, {}, d]),
            thresholds=([0.5], ["x", [], [2.0], [[0.5]], [NAN], [INF], [0.5] * 2000, None]),
            mode=("verify", choice()), human_accuracy=(0.95, share()),
            seconds_per_check=(5.0, amount()), pay_per_check=(0.02, amount()),
            train_fraction=(0.5, share() + [0.0, 1.0]), seed=(0, seed())),
        # ledger
        "ledger.Ledger": _case(Ledger, entries=(entries, frame(entries, empty_is_valid=True) + bad_entries)),
        "ledger.Ledger.from_records": _case(
            Ledger.from_records, worker=("w", [None, 3, NAN, [None], ["w", 3]]),
            role=("trainer", ["boss", None, 3, ["trainer", "boss"]]),
            activity=("label", [None, 3, [None]]),
            seconds=(1.0, amount()[:-1] + [["1"], "3"]),
            pay=(0.1, amount()[:-1] + [["0.1"]]),
            paid=(True, ["x", 1, None, ["yes"]]),
            task=(-1, [0.7, 1e308, INF, NAN, 2**63, -2, "3", None, [0.5]])),
        "ledger.Ledger.empty": _case(Ledger.empty),
        "ledger.Ledger.by_role": _case(lambda: i.ledger.by_role),
        "ledger.Ledger.by_worker": _case(lambda: i.ledger.by_worker),
        "ledger.Ledger.summary": _case(lambda: i.ledger.summary),
        # wages
        "wages.effective_wages": _case(wages.effective_wages,
                                       ledger=(i.ledger, thing() + [i.ledger.entries, Ledger.empty()])),
        "wages.compare_to_reference": _case(
            wages.compare_to_reference,
            wages=(i.wages, wages_bad(i.wages)),
            reference_hourly=(7.25, amount() + [0.0])),
        # plots (None is a valid value of every optional figure parameter)
        "plots.shapes_grid": _case(plots.shapes_grid, data=(d, datasets_bad(d, images=True) + [i.scenes]),
                                   per_class=(4, count()), seed=(0, seed())),
        "plots.scene_boxes": _case(
            plots.scene_boxes, scenes=(i.scenes, thing() + [d, broken_scenes(lambda b: b.pop("x1")),
                                                             broken_scenes(lambda b: b.__setitem__("task", 99))]),
            task=(0, ["0", 2.5, True, -1, NAN, len(i.scenes), None]),
            annotations=(p.boxes, frame(p.boxes) + [p.boxes.assign(x0=NAN),
                                                    p.boxes.assign(x1=p.boxes["x0"] - 1)])),
        "plots.ledger_hours": _case(plots.ledger_hours,
                                    ledger=(i.ledger, thing() + [i.ledger.entries, Ledger.empty()])),
        "plots.wage_distribution": _case(
            plots.wage_distribution,
            wages=(i.wages, wages_bad(i.wages)),
            reference_hourly=(7.25, not_none(amount()) + [0.0]), bins=(10, count())),
        "plots.accuracy_vs_redundancy": _case(
            plots.accuracy_vs_redundancy, curve=(p.accuracy, frame(p.accuracy)),
            x=("redundancy", choice() + ["method"]), y=("accuracy", choice() + ["method"]),
            by=("method", not_none(choice())),
            band=(("low", "high"), ["low", ("low",), ("low", "nope"), 3, ("low", "method")])),
        "plots.automation_tradeoff": _case(
            plots.automation_tradeoff, curve=(p.tradeoff, frame(p.tradeoff)),
            by=("mode", not_none(choice())), human_accuracy=(0.95, not_none(share()))),
        "plots.confusion_heatmap": _case(
            plots.confusion_heatmap,
            matrix=(p.matrix, ["x", p.matrix.to_dict(), pd.DataFrame(), {}, {"a": pd.DataFrame()},
                               p.matrix * 2, -p.matrix, p.matrix * NAN, {3: p.matrix},
                               p.matrix.map(lambda v: "high")]),
            title=("A title", ["", " ", 3, None]), columns=(3, count())),
        "plots.worker_agreement": _case(
            plots.worker_agreement,
            agreement=(p.agreement, series(p.agreement) + [p.agreement + 1, -p.agreement,
                                                           p.agreement > 0.5]),
            kinds=(p.kinds, series(p.kinds) + [p.kinds.iloc[1:]]),
            chance=(1 / 3, not_none(share())), title=("A title", ["", " ", 3, None])),
        "plots.show": _case(plots.show, fig=(p.figure, thing()), alt_text=("A figure.", ["", " ", 3, None])),
    }


# --- what the library exposes ---------------------------------------------------------------

def public_callables() -> dict:
    """Every public function, class and method of labelsim, by name (as the API page lists them)."""
    found = {}
    for short in labelsim.__all__:
        module = importlib.import_module(f"labelsim.{short}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                found[f"{short}.{name}"] = obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    function = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
                    if not attr.startswith("_") and inspect.isfunction(function):
                        found[f"{short}.{name}.{attr}"] = function
    return found


def parameters(obj) -> list[str]:
    return [p.name for p in inspect.signature(obj).parameters.values()
            if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def resolve(target):
    """A case's callable: the target itself, or what a zero-argument lambda returns."""
    return target() if getattr(target, "__name__", "") == "<lambda>" else target


def test_every_public_parameter_has_a_case():
    known = cases()
    problems = []
    for key, obj in public_callables().items():
        if key.split(".")[0] in NOT_COVERED or key in RESULTS or key.rsplit(".", 1)[0] in RESULTS:
            continue
        if key not in known:
            problems.append(f"{key}: no case in tests/test_api.py")
            continue
        missing = set(parameters(obj)) - set(known[key][1])
        if missing:
            problems.append(f"{key}: no valid value for {sorted(missing)}")
    assert not problems, "Add a valid call and bad values for:\n" + "\n".join(problems)


def test_public_functions_have_type_hints_and_docstrings():
    problems = []
    for key, obj in public_callables().items():
        if key.split(".")[0] in NOT_COVERED or inspect.isclass(obj):
            continue
        signature = inspect.signature(obj)
        unhinted = [p.name for p in signature.parameters.values()
                    if p.name not in ("self", "cls") and p.annotation is p.empty]
        if signature.return_annotation is signature.empty or not inspect.getdoc(obj):
            problems.append(f"{key}: return type hint or docstring missing")
        problems += [f"{key}: parameter {name} has no type hint" for name in unhinted]
    assert not problems, "\n".join(problems)


def test_keyword_only_after_the_data_and_seed_last():
    problems = []
    for key, obj in public_callables().items():
        if key.split(".")[0] in NOT_COVERED or key in RESULTS or key.rsplit(".", 1)[0] in RESULTS:
            continue
        names = parameters(obj)
        if "seed" in names and names[-1] != "seed":
            problems.append(f"{key}: seed is not the last parameter")
        kinds = {p.name: p.kind for p in inspect.signature(obj).parameters.values()}
        defaulted_positional = [n for n, p in inspect.signature(obj).parameters.items()
                                if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty
                                and n not in ("n_items", "n_workers")]
        if defaulted_positional and not inspect.isclass(obj):
            problems.append(f"{key}: {defaulted_positional} should be keyword-only")
        if "seed" in kinds and kinds["seed"] is not inspect.Parameter.KEYWORD_ONLY:
            problems.append(f"{key}: seed should be keyword-only")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("key", sorted(cases()))
def test_valid_example_call_succeeds(key):
    target, params = cases()[key]
    resolve(target)(**{name: valid for name, (valid, _) in params.items()})


@pytest.mark.parametrize("key", sorted(cases()))
def test_each_bad_value_is_refused_with_a_message_naming_the_parameter(key):
    target, params = cases()[key]
    function = resolve(target)
    valid = {name: value for name, (value, _) in params.items()}
    failures = []
    for name, (_, bad_values) in params.items():
        for bad in bad_values:
            try:
                function(**{**valid, name: bad})
            except (ValueError, TypeError) as error:
                if name not in str(error):
                    failures.append(f"{name}={bad!r:.60}: {type(error).__name__} does not name "
                                    f"it: {error}")
            except Exception as error:  # noqa: BLE001 - the point is to catch any other kind
                failures.append(f"{name}={bad!r:.60}: {type(error).__name__}: {error}")
            else:
                failures.append(f"{name}={bad!r:.60}: accepted")
    assert not failures, f"{key}:\n" + "\n".join(failures)


def test_absurd_sizes_fail_before_any_work():
    """Each would allocate for minutes or run out of memory if checked late."""
    for call in (lambda: datasets.shapes(n_items=10**9), lambda: datasets.scenes(n_items=10**9),
                 lambda: WorkerPool.uniform(n_workers=10**9),
                 lambda: WorkerPool.mixed(n_workers=10**9),
                 lambda: automation.route(inputs().model, inputs().data, threshold=0.9,
                                          n_people=10**9)):
        with pytest.raises(ValueError, match="n_items|n_workers|n_people"):
            call()


def test_duplicate_rule_is_the_same_everywhere_annotations_come_in():
    annotations = inputs().annotations
    repeated = pd.concat([annotations, annotations.iloc[[0]]], ignore_index=True)
    truth = inputs().data.truth
    for call in (aggregate.majority_vote, aggregate.dawid_skene, quality.fleiss_kappa,
                 lambda a: aggregate.weighted_majority_vote(a, inputs().weights),
                 lambda a: quality.worker_scores(a, truth), lambda a: quality.agreement_with_aggregate(a, truth)):
        with pytest.raises(ValueError, match=r"annotations has 1 repeated \(task, worker\) row"):
            call(repeated)
    # dropping the repeats as the message says gives the original result back
    kept = repeated.drop_duplicates(["task", "worker"], keep="last")
    pd.testing.assert_series_equal(aggregate.majority_vote(kept).labels,
                                   aggregate.majority_vote(annotations).labels)


@pytest.mark.parametrize("short", [m for m in labelsim.__all__ if m not in NOT_COVERED])
def test_docstring_examples_run(short):
    module = importlib.import_module(f"labelsim.{short}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
