"""Lab 4: a right answer written differently from the solution, and a wrong one, per exercise."""

RIGHT = [
    # Exercise 1: pandas' own binning (intervals closed on the left), then the interval's middle.
    """shapes_rounded = items[items["kind"] == "rounded"]
table = pd.DataFrame({"roundness": shapes_rounded["roundness"],
                      "disagreement": disagreement["corners"].loc[shapes_rounded.index]})
edges = np.arange(0, 1 + 2 * BIN_WIDTH, BIN_WIDTH)
table["bin"] = pd.cut(table["roundness"], bins=edges, right=False)
per_bin = table.groupby("bin", observed=True)["disagreement"].mean()
peak_roundness = per_bin.idxmax().mid""",
]

WRONG = [
    # Exercise 1: the bin's lower edge instead of its centre.
    """rounded = items.index[items["kind"] == "rounded"]
by_bin = disagreement["corners"][rounded].groupby(np.floor(items.loc[rounded, "roundness"] / BIN_WIDTH)).mean()
peak_roundness = by_bin.idxmax() * BIN_WIDTH""",
]
