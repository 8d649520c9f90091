/* The labeling booth (docs/booth/): label a batch that labelsim made at build time.
   Only arithmetic on the learner's own answers and timings happens here; the batch (shapes,
   requester's answers, simulated crowd, gold rule, price) comes from tools/booth.py.
   Nothing leaves the browser. */
(function () {
  "use strict";
  const root = document.querySelector("[data-booth]");
  if (!root) return;

  const $ = (selector) => root.querySelector(selector);
  const money = (x) => "$" + x.toFixed(2);
  const percent = (x) => Math.round(100 * x) + "%";
  const seconds = (x) => x.toFixed(1) + " s";
  const now = () => performance.now() / 1000;
  const state = { batch: null, price: 0, phase: "setup", index: 0, answers: [], times: [],
                  shownAt: 0, readingFrom: 0, reading: 0 };

  const setup = $("[data-booth-setup]");
  const instructions = $("[data-booth-instructions]");
  const task = $("[data-booth-task]");
  const results = $("[data-booth-results]");
  const status = $("[data-booth-status]");

  function show(section) {
    for (const part of [setup, instructions, task, results]) part.hidden = part !== section;
  }

  function chosenPrice() {
    const choice = setup.querySelector("input[name=booth-price]:checked");
    if (!choice) return NaN;
    if (choice.value !== "own") return Number(choice.value);
    return Number($("#booth-own-price").value);
  }

  async function take(event) {
    event.preventDefault();
    const price = chosenPrice();
    const error = $("[data-booth-error]");
    if (!(price >= 0 && price <= 10)) {
      error.textContent = "The price per label must be a number of dollars from 0 to 10.";
      $("#booth-own-price").focus();
      return;
    }
    error.textContent = "";
    const id = setup.querySelector("input[name=booth-batch]:checked").value;
    const response = await fetch(root.dataset.batches + id + ".json");
    if (!response.ok) {
      error.textContent = "The batch could not be loaded (" + response.status + ").";
      return;
    }
    Object.assign(state, { batch: await response.json(), price: price, phase: "reading",
                           index: 0, answers: [], times: [] });
    $("[data-booth-instructions-text]").textContent = state.batch.instructions;
    $("[data-booth-offer]").textContent = state.batch.items.length + " shapes at " +
      money(state.price) + " a label: " + money(state.price * state.batch.items.length) + " in all.";
    show(instructions);
    state.readingFrom = now();
    $("[data-booth-instructions] h2").focus();
  }

  function start() {
    state.reading = now() - state.readingFrom;
    state.phase = "labeling";
    const buttons = $("[data-booth-choices]");
    buttons.replaceChildren(...state.batch.classes.map((name, k) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button booth__choice";
      button.dataset.choice = String(k);
      button.innerHTML = "<kbd>" + (k + 1) + "</kbd> " + name;
      button.addEventListener("click", () => answer(k));
      return button;
    }));
    $("[data-booth-keys]").textContent = state.batch.classes
      .map((name, k) => (k + 1) + " = " + name).join(", ");
    show(task);
    showItem();
    $("[data-booth-picture]").focus();
  }

  function showItem() {
    const n = state.batch.items.length;
    const picture = $("[data-booth-picture]");
    picture.src = state.batch.items[state.index].image;
    picture.alt = "Shape " + (state.index + 1) + " of " + n + ", a picture to label";
    status.textContent = "Shape " + (state.index + 1) + " of " + n;
    state.shownAt = now();
  }

  function answer(k) {
    if (state.phase !== "labeling") return;
    state.times.push(now() - state.shownAt);
    state.answers.push(state.batch.classes[k]);
    state.index += 1;
    if (state.index < state.batch.items.length) showItem();
    else finish();
  }

  document.addEventListener("keydown", (event) => {
    if (state.phase !== "labeling" || event.altKey || event.ctrlKey || event.metaKey) return;
    const k = Number(event.key) - 1;
    if (Number.isInteger(k) && k >= 0 && k < state.batch.classes.length) {
      event.preventDefault();
      answer(k);
    }
  });

  /* The session, as labelsim's ledger has it: labels (trainer), gold answers (verifier), reading
     the instructions (trainer, unpaid); a rejected worker's labels are unpaid and earn 0. */
  function outcome() {
    const b = state.batch, n = b.items.length;
    const same = (list) => state.answers.filter((a, i) => a === list[i]).length / n;
    const gold = b.gold.tasks;
    const goldRight = gold.filter((t) => state.answers[t] === b.truth[t]).length;
    const goldAccuracy = gold.length ? goldRight / gold.length : NaN;
    const failsGold = gold.length > 0 && goldAccuracy < b.gold.threshold;
    const rejected = failsGold && b.gold.enforced;
    const labeling = state.times.reduce((a, t) => a + t, 0);
    const earnings = rejected ? 0 : n * state.price;
    const paidHours = rejected ? 0 : labeling / 3600;
    const hours = (labeling + state.reading) / 3600;
    return { n, accuracy: same(b.truth), crowd: same(b.crowd.majority), gold, goldRight,
             goldAccuracy, failsGold, rejected, labeling, earnings, paidHours, hours,
             wage: hours > 0 ? earnings / hours : NaN,
             paidWage: paidHours > 0 ? earnings / paidHours : NaN,
             wageIfRejected: 0, lost: n * state.price };
  }

  function ledgerRows(o) {
    const b = state.batch, paid = !o.rejected;
    const rows = [["trainer", "reading the instructions", 1, state.reading, 0, false]];
    for (const [role, activity, isGold] of [["trainer", "labels", false], ["verifier", "gold answers", true]]) {
      const tasks = b.items.map((item, i) => i).filter((i) => b.items[i].gold === isGold);
      const time = tasks.reduce((a, i) => a + state.times[i], 0);
      rows.push([role, activity, tasks.length, time, paid ? tasks.length * state.price : 0, paid]);
    }
    return rows;
  }

  function cell(row, text, header) {
    const el = document.createElement(header ? "th" : "td");
    if (header) el.scope = "row";
    el.textContent = text;
    row.appendChild(el);
  }

  function finish() {
    state.phase = "done";
    const o = outcome();
    const b = state.batch;
    results.dataset.accuracy = String(o.accuracy);
    results.dataset.hourlyWage = String(o.wage);
    results.dataset.rejected = String(o.rejected);
    const goldText = o.gold.length + " of the shapes were gold questions; you matched the requester on " +
      o.goldRight + " (" + percent(o.goldAccuracy) + "; the rule asks for " + percent(b.gold.threshold) + "). ";
    let verdict;
    if (o.rejected) verdict = "The requester rejected your work: you are paid nothing, " + money(o.lost) +
      " lost, and every minute you spent is unpaid.";
    else if (o.failsGold) verdict = "This requester pays everything, but a gold-question rule would have " +
      "rejected your work: you would lose " + money(o.lost) + " and your wage would fall to " +
      money(o.wageIfRejected) + " an hour.";
    else verdict = "A gold-question rule would have accepted your work.";
    const lines = {
      accuracy: percent(o.accuracy) + " of your labels match the requester's answers" +
        (b.generator_labels ? " (the guideline's, not the generator's)" : "") + ".",
      crowd: percent(o.crowd) + " match the majority of " + b.crowd.redundancy +
        " simulated workers per shape.",
      time: "You read the instructions for " + seconds(state.reading) + " (unpaid) and labeled for " +
        seconds(o.labeling) + ".",
      wage: "Effective hourly wage: " + money(o.wage) + " an hour (" + money(o.earnings) + " for " +
        seconds(state.reading + o.labeling) + "); per hour of paid labeling only: " +
        (Number.isFinite(o.paidWage) ? money(o.paidWage) : "not defined") + ".",
      gold: goldText + verdict,
      crowdRejected: "Of the " + b.crowd.workers + " simulated workers, the same rule rejected " +
        b.crowd.rejected + "."
    };
    for (const [key, text] of Object.entries(lines)) $("[data-booth-line=" + key + "]").textContent = text;

    const body = $("[data-booth-ledger] tbody");
    body.replaceChildren();
    const rows = ledgerRows(o);
    rows.push(["total", "", rows.reduce((a, r) => a + r[2], 0), rows.reduce((a, r) => a + r[3], 0),
               rows.reduce((a, r) => a + r[4], 0), null]);
    for (const [role, activity, count, time, pay, paid] of rows) {
      const row = document.createElement("tr");
      cell(row, role, true);
      cell(row, activity);
      cell(row, String(count));
      cell(row, seconds(time));
      cell(row, money(pay));
      cell(row, paid === null ? "" : paid ? "yes" : "no");
      body.appendChild(row);
    }
    const crowd = $("[data-booth-crowd-ledger] tbody");
    crowd.replaceChildren();
    for (const r of b.crowd.ledger) {
      const row = document.createElement("tr");
      cell(row, r.role, true);
      for (const key of ["people", "contributions", "hours", "paid hours", "unpaid hours", "pay"])
        cell(row, key === "pay" ? money(r[key]) : String(r[key]));
      crowd.appendChild(row);
    }
    $("[data-booth-crowd-price]").textContent = money(b.price);
    show(results);
    $("[data-booth-results] h2").focus();
  }

  setup.addEventListener("submit", take);
  $("[data-booth-start]").addEventListener("click", start);
  $("[data-booth-again]").addEventListener("click", () => {
    state.phase = "setup";
    show(setup);
    setup.querySelector("input[name=booth-batch]:checked").focus();
  });
  $("#booth-own-price").addEventListener("focus", () => { $("#booth-price-own").checked = true; });
  show(setup);
})();
