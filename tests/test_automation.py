"""automation: a model trained on crowd labels, routing to verifiers or imitators, the curve."""

import math

import numpy as np
import pandas as pd
import pytest

from labelsim import aggregate, automation, collect, datasets, quality
from labelsim.workers import WorkerPool


@pytest.fixture(scope="module")
def data():
    return datasets.shapes(n_items=800, n_classes=3, ambiguity=0.2, seed=0)


@pytest.fixture(scope="module")
def crowd_labels(data):
    job = collect.run_job(data, WorkerPool.mixed(n_workers=20, seed=1), redundancy=3, seed=2)
    return aggregate.dawid_skene(job.annotations).labels


@pytest.fixture(scope="module")
def model(data, crowd_labels):
    return automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.5, seed=3)


def test_features_are_finite_fixed_width_and_deterministic(data):
    x = automation.features(data.images[:50])
    assert x.shape == (50, 88) and np.isfinite(x).all()
    np.testing.assert_array_equal(x, automation.features(data.images[:50]))
    np.testing.assert_array_equal(x[7], automation.features(data.images[7:8])[0])


def test_turning_invariant_features_barely_move_when_an_image_turns_90_degrees(data):
    x = automation.features(data.images[:200])[:, 64:]
    turned = automation.features(np.rot90(data.images[:200], axes=(1, 2)))[:, 64:]
    spread = x.std(axis=0)
    # a quarter turn maps the pixel grid onto itself: only angle-histogram bin edges differ
    assert np.median(np.abs(turned - x) / spread) < 0.01
    assert np.abs(turned - x).max(axis=0).max() < 0.5 * spread.max()


def test_features_refuse_the_wrong_shape():
    with pytest.raises(ValueError, match="images must be an array"):
        automation.features(np.zeros((4, 30, 30)))
    with pytest.raises(ValueError, match="images must be an array"):
        automation.features(np.zeros((32, 32)))


def test_a_model_trained_on_true_labels_recognises_clear_shapes(data):
    model = automation.train_on_crowd_labels(data, data.truth, train_fraction=0.5, seed=0)
    scored = data.truth.index.difference(model.trained_on)
    clear = scored[data.items.loc[scored, "ambiguity"].to_numpy() == 0]
    answer, confidence = model.predict(data.images[clear])
    assert (answer == data.truth[clear].to_numpy()).mean() > 0.95
    assert ((confidence >= 1 / 3) & (confidence <= 1)).all()


def test_training_split_is_seeded(data, crowd_labels, model):
    assert len(model.trained_on) == round(0.5 * len(crowd_labels))
    assert model.classes == data.classes
    again = automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.5, seed=3)
    assert again.trained_on.equals(model.trained_on)
    other = automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.5, seed=4)
    assert not other.trained_on.equals(model.trained_on)


def test_routing_sends_low_confidence_items_to_people(data, model):
    routing = automation.route(model, data, threshold=0.9, mode="verify", seconds_per_check=4.0,
                               pay_per_check=0.03, n_people=3, seed=5)
    decisions = routing.decisions
    assert decisions.index.equals(data.truth.index.difference(model.trained_on))
    assert (decisions["to_human"] == (decisions["confidence"] < 0.9)).all()
    # kept items keep the model's answer
    kept = decisions[~decisions["to_human"]]
    assert (kept["final_label"] == kept["answer"]).all()
    n = int(decisions["to_human"].sum())
    entries = routing.ledger.entries
    assert len(entries) == n and set(entries["role"]) == {"verifier"}
    assert set(entries["activity"]) == {"review"} and set(entries["worker"]) <= {"v000", "v001", "v002"}
    assert entries["seconds"].sum() == pytest.approx(4.0 * n)
    assert entries["pay"].sum() == pytest.approx(0.03 * n)
    assert sorted(entries["task"]) == sorted(decisions.index[decisions["to_human"]])


def test_what_people_do_with_routed_items(data, model):
    truth = data.truth
    perfect = automation.route(model, data, threshold=0.95, mode="imitate", human_accuracy=1.0).decisions
    routed = perfect[perfect["to_human"]]
    assert len(routed) > 20 and routed["correct"].all()
    hopeless = automation.route(model, data, threshold=0.95, mode="imitate", human_accuracy=0.0).decisions
    assert not hopeless.loc[hopeless["to_human"], "correct"].any()
    # a verifier who never catches an error leaves the model's answers as they were
    blind = automation.route(model, data, threshold=0.95, mode="verify", human_accuracy=0.0).decisions
    assert (blind["final_label"] == blind["answer"]).all()
    assert (blind["correct"] == (blind["answer"] == truth[blind.index])).all()


def test_verifiers_catch_errors_at_their_accuracy(data, crowd_labels):
    # a weak model (few training items) makes many errors to catch
    model = automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.05, seed=1)
    decisions = automation.route(model, data, threshold=1.0, mode="verify", human_accuracy=0.8,
                                 seed=2).decisions
    wrong = decisions[decisions["to_human"] & (decisions["answer"] != data.truth[decisions.index])]
    caught = wrong["correct"].mean()
    assert len(wrong) > 60 and abs(caught - 0.8) < 4 * math.sqrt(0.8 * 0.2 / len(wrong))
    imitation = automation.route(model, data, threshold=1.0, mode="imitate", human_accuracy=0.8, seed=2)
    ledger = imitation.ledger.entries
    assert set(ledger["role"]) == {"imitator"} and set(ledger["activity"]) == {"takeover"}


def test_automation_curve(data, crowd_labels):
    thresholds = [0.0, 0.6, 0.8, 0.9, 0.99, 1.0]
    curve = automation.automation_curve(data, crowd_labels, thresholds=thresholds, seed=3,
                                        human_accuracy=1.0, seconds_per_check=6.0,
                                        pay_per_check=0.05)
    assert list(curve.columns) == ["threshold", "automation_rate", "model_accuracy",
                                   "system_accuracy", "human_items", "human_seconds", "human_cost"]
    assert curve["threshold"].tolist() == thresholds
    assert curve["automation_rate"].is_monotonic_decreasing
    first = curve.iloc[0]
    assert first["automation_rate"] == 1.0 and first["system_accuracy"] == first["model_accuracy"]
    # with people who never err, every routed item ends up right: accuracy only rises
    assert curve["system_accuracy"].is_monotonic_increasing
    assert curve["system_accuracy"].iloc[-1] > first["system_accuracy"]
    # the model is surer where it is right: its accuracy on the items it keeps rises too
    kept = curve.dropna(subset=["model_accuracy"])
    assert kept["model_accuracy"].iloc[-1] >= kept["model_accuracy"].iloc[0]
    n_scored = len(crowd_labels) - round(0.5 * len(crowd_labels))
    np.testing.assert_allclose(curve["human_items"], np.rint((1 - curve["automation_rate"]) * n_scored))
    np.testing.assert_allclose(curve["human_seconds"], 6.0 * curve["human_items"])
    np.testing.assert_allclose(curve["human_cost"], 0.05 * curve["human_items"])


def test_curve_rows_agree_with_route_and_are_reproducible(data, crowd_labels):
    curve = automation.automation_curve(data, crowd_labels, thresholds=[0.7, 0.95], seed=6,
                                        mode="imitate", human_accuracy=0.9)
    pd.testing.assert_frame_equal(curve, automation.automation_curve(
        data, crowd_labels, thresholds=[0.7, 0.95], seed=6, mode="imitate", human_accuracy=0.9))
    model = automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.5, seed=6)
    for row in curve.itertuples():
        decisions = automation.route(model, data, threshold=row.threshold, mode="imitate", human_accuracy=0.9,
                                     seed=6).decisions
        assert row.human_items == decisions["to_human"].sum()
        assert row.system_accuracy == pytest.approx(decisions["correct"].mean())
        assert row.system_accuracy == pytest.approx(
            quality.accuracy(decisions["final_label"], data.truth))


def test_curve_with_a_trained_model_needs_no_second_fit(data, crowd_labels):
    model = automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.5, seed=6)
    given = automation.automation_curve(data, crowd_labels, model=model, thresholds=[0.7, 0.95],
                                        seed=6, mode="imitate", human_accuracy=0.9)
    pd.testing.assert_frame_equal(given, automation.automation_curve(
        data, crowd_labels, thresholds=[0.7, 0.95], seed=6, mode="imitate", human_accuracy=0.9))
    other = automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.5, seed=7)
    scored = len(crowd_labels.index.difference(other.trained_on))
    curve = automation.automation_curve(data, crowd_labels, model=other, thresholds=[1.0], seed=6)
    assert curve["human_items"].tolist() == [scored]


def test_bad_input_is_refused(data, crowd_labels, model):
    with pytest.raises(ValueError, match="mode must be one of"):
        automation.route(model, data, threshold=0.9, mode="check")
    with pytest.raises(ValueError, match="threshold must be in"):
        automation.route(model, data, threshold=1.5)
    with pytest.raises(ValueError, match="human_accuracy must be in"):
        automation.route(model, data, threshold=0.9, human_accuracy=-0.1)
    with pytest.raises(ValueError, match="n_people must be between 1 and"):
        automation.route(model, data, threshold=0.9, n_people=0)
    with pytest.raises(TypeError, match="model must come from train_on_crowd_labels"):
        automation.route(object(), data, threshold=0.9)
    with pytest.raises(ValueError, match="tasks has task"):
        automation.route(model, data, threshold=0.9, tasks=[10_000])
    with pytest.raises(TypeError, match="data must be a dataset"):
        automation.train_on_crowd_labels(data.images, crowd_labels)
    with pytest.raises(TypeError, match="labels must be a pandas Series"):
        automation.train_on_crowd_labels(data, crowd_labels.to_dict())
    with pytest.raises(ValueError, match="labels must be a non-empty Series"):
        automation.train_on_crowd_labels(data, crowd_labels.iloc[:0])
    with pytest.raises(ValueError, match="train_fraction must be in"):
        automation.train_on_crowd_labels(data, crowd_labels, train_fraction=0.0)
    with pytest.raises(ValueError, match="at least 2 different classes"):
        automation.train_on_crowd_labels(data, pd.Series("circle", index=range(10)))
    with pytest.raises(ValueError, match="thresholds must be in"):
        automation.automation_curve(data, crowd_labels, thresholds=[0.5, 2.0])
    with pytest.raises(ValueError, match="leaves no crowd-labelled task to score"):
        automation.automation_curve(data, crowd_labels, train_fraction=1.0)
    with pytest.raises(TypeError, match="model must be None or come from train_on_crowd_labels"):
        automation.automation_curve(data, crowd_labels, model=data)


def test_automation_tradeoff_figure(data, crowd_labels):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from labelsim import plots

    curve = automation.automation_curve(data, crowd_labels, thresholds=[0.0, 0.9], seed=3)
    fig, alt = plots.automation_tradeoff(curve)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() == "share of items"
    assert [list(line.get_ydata()) for line in ax.lines] == [
        curve[c].tolist() for c in ("automation_rate", "system_accuracy", "model_accuracy")]
    assert {line.get_color() for line in ax.lines} <= set(plots.PALETTE)
    last = curve.iloc[-1]
    assert f"answers {last.automation_rate:.0%}" in alt and f"handle {int(last.human_items)} items" in alt
    plt.close(fig)
