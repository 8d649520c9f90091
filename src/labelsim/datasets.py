"""Synthetic teaching data: geometric shapes, multi-object scenes and abstract answers to compare.
No faces, no people, no real text.

Every image is drawn from a few numbers (shape, size, rotation, roundness, ...) that are kept
next to it, so a lab can show *why* an item is hard. Same seed, same images, bit for bit.

The dataset interface that ``collect.run_job`` and ``automation`` accept (``Shapes`` has it;
so can a lab's own object): ``truth``, a pandas Series of true labels indexed by task
0..n-1; ``classes``, the distinct possible labels (at least 2, covering ``truth``);
optionally ``items``, a DataFrame whose ``ambiguity`` column (in [0, 1]) makes items hard;
and, for ``automation``, ``images``, one (height, width) image per task.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import MAX_ITEMS, check_int, check_probability, rng

CLASSES = ("circle", "square", "triangle", "star", "cross", "hexagon")
SIZE = 32
SCENE_SIZE = 64
AMBIGUOUS_KINDS = ("rounded", "cut", "occluded")
BOX_COLUMNS = ("x0", "y0", "x1", "y1")
MAX_ANSWERS = 200  # answers to one prompt: every pair of 200 is 19,900 comparisons per rater
MAX_SCENES = 5_000  # scenes are drawn all at once, in float32: about 80 MB per array
_CHUNK = 512  # items rendered at once: small arrays stay in cache, memory stays bounded


@dataclass(frozen=True)
class Shapes:
    """A labeling dataset: what workers see (``images``) and what the generator knows.

    ``items`` (index ``task``) holds the true label, the generating parameters and
    ``ambiguity`` in [0, 1] (0 = a clear item); ``truth`` is ``items["true_label"]``.
    """

    items: pd.DataFrame
    images: np.ndarray
    classes: tuple[str, ...]

    def __post_init__(self):
        if not isinstance(self.items, pd.DataFrame) or "true_label" not in self.items.columns:
            raise TypeError("items must be a pandas DataFrame with a 'true_label' column")
        if self.items.empty:
            raise ValueError("items must have at least one row (one item)")
        _check_dataset(self, images=True)

    @property
    def truth(self) -> pd.Series:
        return self.items["true_label"]

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Answers:
    """Abstract answers to one prompt, for a preference job: no text, only what a rater weighs.

    ``items`` has one row per answer: ``item`` (id ``a000``, ``a001``...), ``quality`` (latent,
    standard normal: the higher the better; no rater sees it) and ``length`` (in words, what a
    guideline may use to decide a close call). A pair is hard when its two qualities are close.
    """

    items: pd.DataFrame

    def __post_init__(self):
        if not isinstance(self.items, pd.DataFrame):
            raise TypeError(f"items must be a pandas DataFrame, got {type(self.items).__name__}")
        missing = [c for c in ("item", "quality", "length") if c not in self.items.columns]
        if missing:
            raise ValueError(f"items is missing column(s) {missing}; expected item, quality, length")
        if not 2 <= len(self.items) <= MAX_ANSWERS:
            raise ValueError(f"items must have 2 to {MAX_ANSWERS} answers, got {len(self.items)}")
        item = self.items["item"]
        if item.isna().any() or not item.is_unique:
            raise ValueError("items['item'] must hold distinct ids, none missing")
        for column, low in (("quality", -np.inf), ("length", 1)):
            values = self.items[column]
            if not pd.api.types.is_numeric_dtype(values) or values.dtype == bool or not (
                    np.isfinite(values) & (values >= low)).all():
                raise ValueError(f"items[{column!r}] must hold finite numbers"
                                 + (f" >= {low}" if low > -np.inf else ""))

    @property
    def quality(self) -> pd.Series:
        """The latent quality of each answer (index ``item``): the ranking a job should recover."""
        return self.items.set_index("item")["quality"]

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Scenes:
    """Images with several shapes each, for bounding-box tasks.

    ``boxes`` has one row per object: task, object, label, x0, y0, x1, y1 (pixels; the box
    covers columns x0 <= x < x1 and rows y0 <= y < y1).
    """

    boxes: pd.DataFrame
    images: np.ndarray
    classes: tuple[str, ...]

    def __post_init__(self):
        if np.ndim(self.images) != 3:
            raise ValueError(f"images must be an array (n_scenes, height, width), got shape "
                             f"{np.shape(self.images)}")
        _check_scenes(self)

    def __len__(self) -> int:
        return len(self.images)


# --- outlines: the distance from the centre to the edge of a unit shape, by angle -------------

def _regular_polygon(k: int, angle: np.ndarray) -> np.ndarray:
    """Radius of a regular k-gon with circumradius 1 (a vertex at angle 0)."""
    half = np.pi / k
    folded = np.abs(np.mod(angle + half, 2 * half) - half)
    return np.cos(half) / np.cos(half - folded)


def _star(angle: np.ndarray, points: int = 5, inner: float = 0.45) -> np.ndarray:
    """Radius of a star with outer radius 1 and inner radius ``inner``."""
    half = np.pi / points
    folded = np.abs(np.mod(angle + half, 2 * half) - half)
    # the edge runs from (1, 0) to inner * (cos half, sin half); r = d / cos(angle - normal)
    ex, ey = inner * np.cos(half) - 1.0, inner * np.sin(half)
    normal = np.arctan2(-ex, ey)
    distance = np.cos(normal)  # (1, 0) . (cos normal, sin normal)
    return distance / np.cos(folded - normal)


def _cross(angle: np.ndarray, arm: float = 0.38) -> np.ndarray:
    """Radius of a plus sign: two bars of half-length 1 and half-width ``arm``."""
    c = np.maximum(np.abs(np.cos(angle)), 1e-9)
    s = np.maximum(np.abs(np.sin(angle)), 1e-9)
    return np.maximum(np.minimum(1 / c, arm / s), np.minimum(arm / c, 1 / s))


_OUTLINES = {
    "circle": lambda a: np.ones_like(a),
    "square": lambda a: _regular_polygon(4, a + np.pi / 4),  # axis-aligned at rotation 0
    "triangle": lambda a: _regular_polygon(3, a - np.pi / 2),
    "star": lambda a: _star(a - np.pi / 2),
    "cross": _cross,
    "hexagon": lambda a: _regular_polygon(6, a),
}
# scale so every class looks about as big; a circle of this radius has the outline's mean radius
_SCALE = {"circle": 0.85, "square": 1.0, "triangle": 1.15, "star": 1.15, "cross": 1.0,
          "hexagon": 0.95}
_grid = np.linspace(0, 2 * np.pi, 3600, endpoint=False)
_MEAN_RADIUS = {name: float(f(_grid).mean()) for name, f in _OUTLINES.items()}


def _coverage(shape: np.ndarray, size, rotation, roundness, cx, cy, side: int) -> np.ndarray:
    """Anti-aliased coverage in [0, 1] of each item's shape on a side x side grid.

    ``roundness`` blends the outline with a circle: 0 = the shape itself, 1 = a circle.
    """
    n = len(shape)
    size, rotation, roundness, cx, cy = (np.asarray(v, dtype=np.float32)
                                         for v in (size, rotation, roundness, cx, cy))
    coords = np.arange(side, dtype=np.float32)
    dx = coords[None, None, :] - cx[:, None, None]
    dy = coords[None, :, None] - cy[:, None, None]
    radius = np.hypot(dx, dy)
    angle = np.arctan2(dy, dx) - rotation[:, None, None]
    edge = np.empty((n, side, side), dtype=np.float32)
    for name in np.unique(shape):
        rows = shape == name
        outline = _OUTLINES[name](angle[rows])
        blend = roundness[rows, None, None]
        edge[rows] = _SCALE[name] * ((1 - blend) * outline + blend * _MEAN_RADIUS[name])
    return np.clip(edge * size[:, None, None] - radius + 0.5, 0.0, 1.0)


def _blur(images: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Separable Gaussian blur of square images, a 5-tap kernel per image (sigma in pixels)."""
    taps = np.arange(-2, 3, dtype=np.float32)
    sigma = np.maximum(np.asarray(sigma, dtype=np.float32), 1e-3)
    kernel = np.exp(-0.5 * (taps[None, :] / sigma[:, None]) ** 2)
    kernel /= kernel.sum(axis=1, keepdims=True)
    size = images.shape[1]
    padded = np.pad(images, [(0, 0), (2, 2), (0, 0)], mode="edge")
    images = sum(kernel[:, i, None, None] * padded[:, i:i + size, :] for i in range(5))
    padded = np.pad(images, [(0, 0), (0, 0), (2, 2)], mode="edge")
    images = sum(kernel[:, i, None, None] * padded[:, :, i:i + size] for i in range(5))
    return images


def _render(p: pd.DataFrame, side: int, g: np.random.Generator) -> np.ndarray:
    """Draw items described by ``p`` (one row per item) as uint8 images."""
    out = np.empty((len(p), side, side), dtype=np.uint8)
    coords = np.arange(side, dtype=np.float32)
    for start in range(0, len(p), _CHUNK):
        c = p.iloc[start:start + _CHUNK]
        col = {k: c[k].to_numpy(np.float32) for k in c.columns if k not in ("true_label", "shape", "kind")}
        col["shape"] = c["shape"].to_numpy()
        alpha = _coverage(col["shape"], col["size"], col["rotation"], col["roundness"],
                          col["cx"], col["cy"], side)
        img = col["background"][:, None, None] + alpha * (col["foreground"] - col["background"])[:, None, None]
        # occluder: a mid-grey block covering a share of the shape from one side
        along = (np.cos(col["occluder_angle"])[:, None, None] * (coords[None, None, :] - col["cx"][:, None, None])
                 + np.sin(col["occluder_angle"])[:, None, None] * (coords[None, :, None] - col["cy"][:, None, None]))
        reach = col["size"] * (1 - 2 * col["occlusion"])
        covered = (col["occlusion"][:, None, None] > 0) & (along > reach[:, None, None])
        img = np.where(covered, np.float32(0.5), img)
        img = _blur(img, col["blur"])
        img += g.standard_normal(img.shape, dtype=np.float32) * col["noise"][:, None, None]
        out[start:start + len(c)] = np.clip(np.rint(img * 255), 0, 255).astype(np.uint8)
    return out


def shapes(n_items: int = 1000, *, n_classes: int = 3, ambiguity: float = 0.2,
           seed: int = 0) -> Shapes:
    """Small 32x32 grayscale images of shapes, a share of them genuinely ambiguous.

    Classes are the first ``n_classes`` of circle, square, triangle, star, cross, hexagon,
    in equal numbers. ``round(ambiguity * n_items)`` items are ambiguous, of one of three kinds
    (column ``kind``): ``rounded`` (an outline blended with a circle: the true label is the
    generator's rule "roundness above 0.5 is a circle", itself a decision), ``cut`` (the shape
    lies partly outside the frame) and ``occluded`` (a grey block hides part of it). The
    column ``ambiguity`` is 0 for clear items and up to 1 for an item that is a coin flip.
    ``n_items`` is at most ``MAX_ITEMS`` (100,000 images, about 100 MB).

    >>> data = shapes(n_items=100, n_classes=3, ambiguity=0.2, seed=0)
    >>> data.images.shape, data.classes, int((data.items.ambiguity > 0).sum())
    ((100, 32, 32), ('circle', 'square', 'triangle'), 20)
    """
    n_items = check_int("n_items", n_items, 1, MAX_ITEMS)
    n_classes = check_int("n_classes", n_classes, 2, len(CLASSES))
    ambiguity = check_probability("ambiguity", ambiguity)
    g = rng(seed)
    classes = CLASSES[:n_classes]
    label = np.resize(np.arange(n_classes), n_items)
    g.shuffle(label)
    ambiguous = np.zeros(n_items, dtype=bool)
    ambiguous[g.permutation(n_items)[:round(ambiguity * n_items)]] = True
    kind = np.where(ambiguous, np.array(AMBIGUOUS_KINDS)[g.integers(0, 3, n_items)], "none")
    level = np.where(ambiguous, g.uniform(0.2, 1.0, n_items), 0.0)

    shape = np.array(classes)[label]
    roundness = np.where(shape == "circle", 1.0, 0.0)
    rounded = kind == "rounded"
    # a rounded polygon is drawn from its own outline, a rounded circle from a square's
    roundness[rounded] = np.where(shape[rounded] == "circle", 1 - level[rounded] / 2, level[rounded] / 2)
    shape = np.where(rounded & (shape == "circle"), "square", shape)
    true_label = np.where(roundness > 0.5, "circle", np.array(classes)[label])

    size = g.uniform(8.0, 11.5, n_items)
    cx = 15.5 + g.uniform(-2.5, 2.5, n_items)
    cy = 15.5 + g.uniform(-2.5, 2.5, n_items)
    cut = np.where(kind == "cut", 0.6 * level, 0.0)
    # push the centre towards a random side until a share ``cut`` of the width is outside
    side = g.integers(0, 4, n_items)
    edge_pos = np.where(side % 2 == 0, -0.5, SIZE - 0.5)
    inward = np.where(side % 2 == 0, 1.0, -1.0)
    pushed = edge_pos + inward * size * (1 - 2 * cut)
    is_cut = kind == "cut"
    cx = np.where(is_cut & (side < 2), pushed, cx)
    cy = np.where(is_cut & (side >= 2), pushed, cy)
    items = pd.DataFrame({
        "true_label": true_label,
        "shape": shape,
        "kind": kind,
        "ambiguity": level,
        "size": size,
        "rotation": g.uniform(-np.pi, np.pi, n_items),
        "roundness": roundness,
        "cx": cx,
        "cy": cy,
        "cut": cut,
        "occlusion": np.where(kind == "occluded", 0.45 * level, 0.0),
        "occluder_angle": g.uniform(-np.pi, np.pi, n_items),
        "noise": g.uniform(0.02, 0.10, n_items),
        "blur": g.uniform(0.3, 1.0, n_items),
        "background": g.uniform(0.05, 0.25, n_items),
        "foreground": g.uniform(0.75, 0.95, n_items),
    }, index=pd.RangeIndex(n_items, name="task"))
    images = _render(items, SIZE, g)
    return Shapes(items=items, images=images, classes=classes)


def scenes(n_items: int = 200, *, max_objects: int = 4, n_classes: int = 3,
           seed: int = 0) -> Scenes:
    """64x64 images with 1..``max_objects`` (at most 10) shapes each, and their true boxes;
    ``n_items`` is at most ``MAX_SCENES`` (5,000).

    A box is the tightest rectangle around the pixels the shape covers by at least half.

    >>> s = scenes(n_items=10, max_objects=3, seed=0)
    >>> s.images.shape, list(s.boxes.columns)
    ((10, 64, 64), ['task', 'object', 'label', 'x0', 'y0', 'x1', 'y1'])
    """
    n_items = check_int("n_items", n_items, 1, MAX_SCENES)
    max_objects = check_int("max_objects", max_objects, 1, 10)
    n_classes = check_int("n_classes", n_classes, 2, len(CLASSES))
    g = rng(seed)
    classes = CLASSES[:n_classes]
    n_objects = g.integers(1, max_objects + 1, n_items)
    task = np.repeat(np.arange(n_items), n_objects)
    obj = np.arange(len(task)) - np.repeat(np.cumsum(n_objects) - n_objects, n_objects)
    m = len(task)
    label = np.array(classes)[g.integers(0, n_classes, m)]
    size = g.uniform(4.0, 9.0, m)
    cx, cy = g.uniform(4.0, SCENE_SIZE - 5.0, (2, m))
    rotation = g.uniform(-np.pi, np.pi, m)
    roundness = np.zeros(m)
    background = g.uniform(0.05, 0.25, n_items)
    canvas = np.repeat(background[:, None, None], SCENE_SIZE, axis=1).repeat(SCENE_SIZE, axis=2).astype(np.float32)
    bounds = np.zeros((m, 4))
    for k in range(max_objects):  # objects later in the list are drawn on top
        rows = np.flatnonzero(obj == k)
        if rows.size == 0:
            break
        alpha = _coverage(label[rows], size[rows], rotation[rows], roundness[rows],
                          cx[rows], cy[rows], SCENE_SIZE)
        tone = g.uniform(0.6, 0.95, rows.size).astype(np.float32)
        t = task[rows]
        canvas[t] = canvas[t] + alpha * (tone[:, None, None] - canvas[t])
        inside = alpha >= 0.5
        cols, lines = inside.any(axis=1), inside.any(axis=2)
        bounds[rows, 0] = cols.argmax(axis=1)
        bounds[rows, 2] = SCENE_SIZE - cols[:, ::-1].argmax(axis=1)
        bounds[rows, 1] = lines.argmax(axis=1)
        bounds[rows, 3] = SCENE_SIZE - lines[:, ::-1].argmax(axis=1)
    canvas = _blur(canvas, np.full(n_items, 0.5))
    canvas += g.standard_normal(canvas.shape, dtype=np.float32) * np.float32(0.03)
    images = np.clip(np.rint(canvas * 255), 0, 255).astype(np.uint8)
    boxes = pd.DataFrame({"task": task, "object": obj, "label": label,
                          "x0": bounds[:, 0], "y0": bounds[:, 1],
                          "x1": bounds[:, 2], "y1": bounds[:, 3]})
    return Scenes(boxes=boxes, images=images, classes=classes)


def answers(n_items: int = 12, *, seed: int = 0) -> Answers:
    """``n_items`` (2 to ``MAX_ANSWERS``) abstract answers with a latent quality and a length.

    Quality is standard normal; length (words) is lognormal around 150 and independent of
    quality, so a guideline that prefers long answers adds something quality does not.

    >>> a = answers(n_items=5, seed=0)
    >>> list(a.items.columns), a.items.item.tolist()[:2], len(a)
    (['item', 'quality', 'length'], ['a000', 'a001'], 5)
    """
    n_items = check_int("n_items", n_items, 2, MAX_ANSWERS)
    g = rng(seed)
    quality = g.standard_normal(n_items)
    length = np.rint(150 * np.exp(0.5 * g.standard_normal(n_items))).astype(np.int64)
    return Answers(items=pd.DataFrame({"item": [f"a{i:03d}" for i in range(n_items)],
                                       "quality": quality, "length": np.maximum(length, 1)}))


def _check_dataset(data, images: bool = False) -> tuple[np.ndarray, tuple, np.ndarray | None]:
    """Check the dataset interface (module docstring), once for every module that takes one.

    Returns each task's true class index, the classes, and each task's ambiguity (or None).
    """
    needed = ("truth", "classes") + (("images",) if images else ())
    if not all(hasattr(data, attribute) for attribute in needed):
        raise TypeError(f"data must be a dataset with {', '.join('.' + a for a in needed)}, e.g. "
                        f"datasets.shapes(...); got {type(data).__name__}")
    truth = data.truth
    if not isinstance(truth, pd.Series) or len(truth) == 0 or truth.isna().any():
        raise ValueError("data.truth must be a non-empty pandas Series of labels, none missing")
    if not truth.index.equals(pd.RangeIndex(len(truth))):
        raise ValueError("data.truth must be indexed by task ids 0..n_items-1")
    if len(truth) > MAX_ITEMS:
        raise ValueError(f"data must have at most {MAX_ITEMS} items, got {len(truth)}")
    try:
        classes = tuple(data.classes)
        index = pd.Index(classes)
    except TypeError:
        raise TypeError(f"data.classes must be a sequence of labels, got {data.classes!r}") from None
    if len(classes) < 2 or not index.is_unique:
        raise ValueError(f"data.classes must be at least 2 distinct labels, got {classes}")
    codes = index.get_indexer(truth)
    if (codes < 0).any():
        raise ValueError(f"data.truth has labels outside data.classes {classes}, e.g. "
                         f"{truth[codes < 0].iloc[0]!r}")
    if images:
        shape = np.shape(data.images)
        if len(shape) != 3 or shape[0] != len(truth):
            raise ValueError(f"data.images must be an array (n_items, height, width) with one "
                             f"image per task ({len(truth)}), got shape {shape}")
    items = getattr(data, "items", None)
    ambiguity = None
    if isinstance(items, pd.DataFrame) and "ambiguity" in items.columns:
        ambiguity = pd.to_numeric(items["ambiguity"], errors="coerce").to_numpy(dtype=float)
        if len(ambiguity) != len(truth) or not ((ambiguity >= 0) & (ambiguity <= 1)).all():
            raise ValueError("data.items['ambiguity'] must hold one number in [0, 1] per task")
    return codes.astype(np.int64), classes, ambiguity


def _check_scenes(scenes) -> Scenes:
    """A :class:`Scenes` whose boxes have every column and tasks that are its images."""
    if not isinstance(scenes, Scenes):
        raise TypeError(f"scenes must be a datasets.Scenes, got {type(scenes).__name__}")
    columns = ("task", "object", "label") + BOX_COLUMNS
    boxes = scenes.boxes
    if not isinstance(boxes, pd.DataFrame):
        raise TypeError(f"scenes.boxes must be a pandas DataFrame, got {type(boxes).__name__}")
    missing = [c for c in columns if c not in boxes.columns]
    if missing:
        raise ValueError(f"scenes.boxes is missing column(s) {missing}; expected {list(columns)}")
    task = boxes["task"].to_numpy()
    if task.dtype.kind not in "iu" or (task < 0).any() or (task >= len(scenes)).any():
        raise ValueError(f"scenes.boxes['task'] must hold integer scene ids in [0, {len(scenes) - 1}]")
    _as_boxes("scenes.boxes", boxes)
    classes = scenes.classes
    if not isinstance(classes, tuple) or not classes or not set(boxes["label"]) <= set(classes):
        raise ValueError(f"scenes.classes must be a tuple of the labels in scenes.boxes, got "
                         f"{classes!r:.80}")
    return scenes


def iou(boxes_a: np.ndarray | pd.DataFrame, boxes_b: np.ndarray | pd.DataFrame) -> np.ndarray:
    """Intersection over union of paired boxes, row by row (1 = identical, 0 = disjoint).

    Each argument is an (n, 4) array of x0, y0, x1, y1 or a DataFrame with those columns.

    >>> iou([[0, 0, 2, 2]], [[1, 0, 3, 2]]).round(3).tolist()
    [0.333]
    """
    a, b = _as_boxes("boxes_a", boxes_a), _as_boxes("boxes_b", boxes_b)
    if a.shape != b.shape:
        raise ValueError(f"boxes_a and boxes_b must have the same number of rows, got {len(a)} and {len(b)}")
    width = np.clip(np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]), 0, None)
    height = np.clip(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]), 0, None)
    inter = width * height
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])  # noqa: E731
    union = area(a) + area(b) - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _as_boxes(name: str, boxes) -> np.ndarray:
    if isinstance(boxes, pd.DataFrame):
        missing = [c for c in BOX_COLUMNS if c not in boxes.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {missing}; expected {list(BOX_COLUMNS)}")
        boxes = boxes[list(BOX_COLUMNS)]
    try:
        array = np.asarray(boxes, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an (n, 4) array of numbers x0, y0, x1, y1 or a DataFrame "
                        f"with those columns, got {type(boxes).__name__}") from None
    if array.ndim != 2 or array.shape[1] != 4:
        raise ValueError(f"{name} must have shape (n, 4) with columns x0, y0, x1, y1; got {array.shape}")
    if not np.isfinite(array).all() or (array[:, 2] < array[:, 0]).any() or (array[:, 3] < array[:, 1]).any():
        raise ValueError(f"{name} must hold finite boxes with x0 <= x1 and y0 <= y1")
    return array
