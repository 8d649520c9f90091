"""Lab 7: a right answer written differently from the solution, and a wrong one, per exercise."""

RIGHT = [
    # Exercise 1: the chain in one go, the worker's fields read from the table's columns.
    """chain_with_vendor = [("requester", REQUESTER_TELLS), ("vendor", ["task", "pay per box"]),
                     ("subsidiary", SUBSIDIARY_TELLS), ("platform", FIELDS), ("worker", [])]
table = flow(chain_with_vendor)
worker_fields_with_vendor = set(table.columns[table.loc["worker"] != "—"])""",
    # Exercise 2: the median corner by corner, the truth aligned by reindex.
    """grouped = boxes.groupby(["task", "object"])
median_boxes = pd.DataFrame({corner: grouped[corner].median() for corner in ["x0", "y0", "x1", "y1"]})
truth_rows = scenes.boxes.set_index(["task", "object"]).reindex(median_boxes.index)
median_box_iou = float(np.mean(ls.datasets.iou(median_boxes, truth_rows)))""",
]

WRONG = [
    # Exercise 1: the vendor passes on all it was told.
    """chain_with_vendor = [("requester", REQUESTER_TELLS), ("vendor", REQUESTER_TELLS),
                     ("subsidiary", SUBSIDIARY_TELLS), ("platform", DISCLOSURE["all it knows"]),
                     ("worker", [])]
worker_row = flow(chain_with_vendor).loc["worker"]
worker_fields_with_vendor = {field for field in FIELDS if worker_row[field] != "—"}""",
    # Exercise 2: the mean box instead of the median.
    """median_boxes = boxes.groupby(["task", "object"])[["x0", "y0", "x1", "y1"]].mean()
true_boxes = scenes.boxes.set_index(["task", "object"]).loc[median_boxes.index]
median_box_iou = ls.datasets.iou(median_boxes, true_boxes).mean()""",
]
