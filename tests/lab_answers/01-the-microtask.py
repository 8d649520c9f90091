"""Lab 1: a right answer written differently from the solution, and a wrong one, per exercise."""

RIGHT = [
    # Exercise 1: the pay the reference wage asks for, shared over the labels.
    """seconds_spent = answers["seconds"].sum() + SEARCH_SECONDS + INSTRUCTIONS_SECONDS
pay_needed = REFERENCE_HOURLY * seconds_spent / 3600
fair_price = pay_needed / N_SHAPES""",
]

WRONG = [
    # Exercise 1: labeling time only, the unpaid search and instructions forgotten.
    """fair_price = REFERENCE_HOURLY * answers["seconds"].sum() / 3600 / len(answers)""",
]
