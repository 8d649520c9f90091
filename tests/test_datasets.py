"""datasets: shapes and scenes are what their parameters say, reproducibly; iou is right."""

import math

import numpy as np
import pandas as pd
import pytest

from labelsim import datasets


@pytest.fixture(scope="module")
def data():
    return datasets.shapes(n_items=600, n_classes=6, ambiguity=0.3, seed=0)


def test_shapes_layout(data):
    assert data.images.shape == (600, 32, 32) and data.images.dtype == np.uint8
    assert data.classes == datasets.CLASSES
    assert data.items.index.equals(pd.RangeIndex(600, name="task"))
    assert data.truth.equals(data.items["true_label"])
    assert set(data.truth) <= set(data.classes)


def test_ambiguous_share_is_exact(data):
    ambiguous = data.items["kind"] != "none"
    assert ambiguous.sum() == round(0.3 * 600)
    assert (data.items.loc[~ambiguous, "ambiguity"] == 0).all()
    assert data.items.loc[ambiguous, "ambiguity"].between(0.2, 1.0).all()
    assert set(data.items.loc[ambiguous, "kind"]) == set(datasets.AMBIGUOUS_KINDS)


def test_clear_items_have_balanced_classes():
    truth = datasets.shapes(n_items=60, n_classes=3, ambiguity=0.0, seed=4).truth
    assert truth.value_counts().to_dict() == {"circle": 20, "square": 20, "triangle": 20}


def test_rounded_items_follow_the_roundness_rule(data):
    rounded = data.items[data.items["kind"] == "rounded"]
    assert len(rounded) > 10
    is_circle = rounded["true_label"] == "circle"
    assert ((rounded["roundness"] > 0.5) == is_circle).all()
    # the closer roundness is to 0.5, the more ambiguous the item
    expected = 1 - (2 * rounded["roundness"] - 1).abs()
    np.testing.assert_allclose(rounded["ambiguity"], expected, atol=1e-12)


def test_cut_items_reach_outside_the_frame(data):
    cut = data.items[data.items["kind"] == "cut"]
    distance_to_edge = np.minimum.reduce([cut.cx + 0.5, cut.cy + 0.5, 31.5 - cut.cx, 31.5 - cut.cy])
    assert (distance_to_edge < cut["size"]).all()
    clear = data.items[data.items["kind"] == "none"]
    assert (clear["cut"] == 0).all() and (clear["occlusion"] == 0).all()


def test_clear_shapes_have_their_geometric_area():
    """Bright area / size^2 matches each outline's area: circle 2.27, square 2.0, triangle 1.72."""
    data = datasets.shapes(n_items=300, n_classes=3, ambiguity=0.0, seed=1)
    items = data.items
    threshold = 255 * (items["background"] + items["foreground"]).to_numpy() / 2
    bright = (data.images > threshold[:, None, None]).sum(axis=(1, 2))
    ratio = pd.Series(bright / items["size"].to_numpy() ** 2, index=items.index)
    median = ratio.groupby(items["true_label"]).median()
    expected = {"circle": math.pi * 0.85**2, "square": 2.0,
                "triangle": 3 * math.sqrt(3) / 4 * 1.15**2}
    for label, area in expected.items():
        assert median[label] == pytest.approx(area, rel=0.1), label


def test_same_seed_same_data_other_seed_differs():
    a = datasets.shapes(n_items=50, seed=3)
    b = datasets.shapes(n_items=50, seed=3)
    c = datasets.shapes(n_items=50, seed=4)
    pd.testing.assert_frame_equal(a.items, b.items)
    assert np.array_equal(a.images, b.images)
    assert not a.items.equals(c.items) and not np.array_equal(a.images, c.images)


@pytest.mark.parametrize("kwargs, name", [
    ({"n_items": 0}, "n_items"), ({"n_items": -5}, "n_items"), ({"n_classes": 1}, "n_classes"),
    ({"n_classes": 7}, "n_classes"), ({"ambiguity": 1.5}, "ambiguity"),
    ({"ambiguity": float("nan")}, "ambiguity"), ({"seed": -1}, "seed"),
])
def test_shapes_rejects_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        datasets.shapes(**kwargs)


def test_shapes_rejects_non_integer_sizes():
    with pytest.raises(TypeError, match="n_items"):
        datasets.shapes(n_items=10.5)


@pytest.fixture(scope="module")
def scenes():
    return datasets.scenes(n_items=40, max_objects=4, seed=2)


def test_scenes_boxes(scenes):
    boxes = scenes.boxes
    assert scenes.images.shape == (40, 64, 64)
    assert list(boxes.columns) == ["task", "object", "label", "x0", "y0", "x1", "y1"]
    per_scene = boxes.groupby("task").size()
    assert per_scene.index.tolist() == list(range(40)) and per_scene.between(1, 4).all()
    assert ((boxes.x0 >= 0) & (boxes.x1 <= 64) & (boxes.x0 < boxes.x1)).all()
    assert ((boxes.y0 >= 0) & (boxes.y1 <= 64) & (boxes.y0 < boxes.y1)).all()


def test_scene_boxes_frame_bright_objects(scenes):
    """Inside a box the image is brighter than the scene as a whole."""
    for row in scenes.boxes.itertuples():
        image = scenes.images[row.task].astype(float)
        inside = image[int(row.y0):int(row.y1), int(row.x0):int(row.x1)]
        assert inside.mean() > image.mean()


def test_iou_known_values():
    a = [[0, 0, 2, 2], [0, 0, 2, 2], [0, 0, 2, 2], [0, 0, 4, 4]]
    b = [[0, 0, 2, 2], [1, 0, 3, 2], [5, 5, 6, 6], [1, 1, 3, 3]]
    np.testing.assert_allclose(datasets.iou(a, b), [1.0, 1 / 3, 0.0, 4 / 16])


def test_iou_accepts_frames(scenes):
    assert (datasets.iou(scenes.boxes, scenes.boxes) == 1.0).all()


@pytest.mark.parametrize("boxes", [[[0, 0, 1]], [[2, 0, 1, 1]], [[0, 0, np.nan, 1]]])
def test_iou_rejects_malformed_boxes(boxes):
    with pytest.raises(ValueError, match="boxes_a"):
        datasets.iou(boxes, [[0, 0, 1, 1]])


def test_iou_rejects_unpaired_boxes():
    with pytest.raises(ValueError, match="same number of rows"):
        datasets.iou([[0, 0, 1, 1]], [[0, 0, 1, 1], [0, 0, 1, 1]])


def test_answers_are_abstract_items_with_quality_and_length():
    answers = datasets.answers(n_items=40, seed=0)
    assert list(answers.items.columns) == ["item", "quality", "length"] and len(answers) == 40
    assert answers.items["item"].is_unique and (answers.items["length"] >= 1).all()
    assert answers.quality.index.name == "item"
    pd.testing.assert_frame_equal(answers.items, datasets.answers(n_items=40, seed=0).items)
    assert not answers.items.equals(datasets.answers(n_items=40, seed=1).items)


@pytest.mark.parametrize("n_items", [1, datasets.MAX_ANSWERS + 1])
def test_answers_sizes_are_bounded(n_items):
    with pytest.raises(ValueError, match="n_items"):
        datasets.answers(n_items=n_items)
