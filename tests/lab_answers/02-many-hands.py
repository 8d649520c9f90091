"""Lab 2: a right answer written differently from the solution, and a wrong one, per exercise."""

RIGHT = [
    # Exercise 1: a while loop over odd numbers, the cost in another order.
    """n = 1
while majority_right(n, ACCURACY) < TARGET_ACCURACY:
    n += 2
labels_needed = n
batch_cost = labels_needed * PAY_PER_LABEL * N_ITEMS""",
    # Exercise 2: a merge with the majority labels instead of a map.
    """merged = chosen_job.annotations.merge(chosen_majority.labels.rename("winner"),
                                      left_on="task", right_index=True)
lost = merged[merged["label"] != merged["winner"]]
share_outvoted = len(lost) / len(merged)
pay_withheld = lost["pay"].sum()""",
]

WRONG = [
    # Exercise 1: an odd number that reaches the target, but not the smallest.
    """labels_needed = 11
batch_cost = N_ITEMS * labels_needed * PAY_PER_LABEL""",
    # Exercise 2: labels compared with the generator's label instead of the majority's.
    """wrong = chosen_job.annotations["label"] != chosen_job.annotations["task"].map(two_data.truth)
share_outvoted = wrong.mean()
pay_withheld = chosen_job.annotations.loc[wrong, "pay"].sum()""",
]
