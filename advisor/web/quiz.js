// "Prepare Q&A": a trainer draws cited items from chosen provisions (POST /quiz), reviews and
// edits them in place, and downloads the edited quiz (POST /quiz/export) for a learning platform.
// Uses `$`, `el` and `errorMessage` from app.js. The quiz being edited lives in `quizState.quiz`;
// every edit writes straight into it, so what is downloaded is what the page shows.
"use strict";

const quizState = { quiz: null, dropped: new Set(), busy: false };

document.addEventListener("DOMContentLoaded", () => {
  $("quiz-form").addEventListener("submit", (event) => { event.preventDefault(); generateQuiz(); });
  for (const radio of document.querySelectorAll("input[name='quiz-scope']")) {
    radio.addEventListener("change", enableChosenScope);
  }
  $("quiz-title").addEventListener("input", (event) => { if (quizState.quiz) quizState.quiz.title = event.target.value; });
  $("quiz-download").addEventListener("click", downloadQuiz);
});

// Only the chosen scope's box is enabled, so Tab goes from the radio group straight to it.
function enableChosenScope() {
  const chosen = document.querySelector("input[name='quiz-scope']:checked").value;
  for (const scope of ["articles", "chapter", "topic"]) $(`quiz-${scope}`).disabled = scope !== chosen;
}

function quizStatus(text, isError = false) {
  $("quiz-status").textContent = text;
  $("quiz-status").classList.toggle("error", isError);
}

function quizRequest() {
  const scope = document.querySelector("input[name='quiz-scope']:checked").value;
  const value = (name) => (scope === name ? $(`quiz-${name}`).value.trim() || null : null);
  const types = [...document.querySelectorAll("input[name='quiz-type']:checked")].map((box) => box.value);
  // POST /quiz names the instrument `doc` (the brief's draft said `doc_id`).
  return {
    doc: $("quiz-doc").value,
    articles: value("articles"),
    chapter: value("chapter"),
    topic: value("topic"),
    n: Number($("quiz-n").value),
    types,
    seed: Number($("quiz-seed").value || 0),
    format: "json",
  };
}

// What the server would refuse anyway, said next to the form before the round trip.
function requestProblem(body) {
  if (!body.doc) return "Choose an instrument.";
  if (!body.articles && !body.chapter && !body.topic) return "Give the articles, the chapter or the topic to draw on.";
  if (!body.types.length) return "Choose at least one item type.";
  if (!(body.n >= 1)) return "Ask for at least one item.";
  return "";
}

async function generateQuiz() {
  if (quizState.busy) return;
  const body = quizRequest();
  const problem = requestProblem(body);
  if (problem) { quizStatus(problem, true); return; }
  setQuizBusy(true);
  quizStatus("Drawing items from the provisions…");
  try {
    const response = await fetch("/quiz", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(await errorMessage(response));
    showQuiz(await response.json());
  } catch (error) {
    quizStatus(error.message, true);
  } finally {
    setQuizBusy(false);
  }
}

function setQuizBusy(busy) {
  quizState.busy = busy;
  $("quiz-generate").disabled = busy;
  $("quiz-view").setAttribute("aria-busy", String(busy));
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function showQuiz(quiz) {
  quizState.quiz = quiz;
  quizState.dropped = new Set();
  $("quiz-title").value = quiz.title;
  $("quiz-provisions").replaceChildren(...quiz.provisions.map((p) => el("li", {}, p)));
  showGeneratorDrops(quiz.dropped);
  $("quiz-items").replaceChildren(...quiz.items.map((item, i) => itemEditor(item, i + 1)));
  $("quiz-result").hidden = false;
  const dropped = quiz.dropped.length ? `; ${plural(quiz.dropped.length, "item")} dropped by the checks` : "";
  quizStatus(`${plural(quiz.items.length, "item")} from ${plural(quiz.provisions.length, "provision")}${dropped}.`);
}

function showGeneratorDrops(dropped) {
  $("quiz-dropped-summary").textContent = dropped.length
    ? `${plural(dropped.length, "generated item")} dropped, and why`
    : "No generated item was dropped";
  $("quiz-dropped").replaceChildren(...dropped.map((d) =>
    el("li", {}, el("span", { class: "reason" }, d.reason), ` — ${d.provision}, ${d.type}: ${d.question}`)));
  $("quiz-dropped-details").classList.toggle("empty", !dropped.length);
}

const TYPE_NAMES = {
  definition: "Definition", obligation: "Obligation", "true-false": "True or false",
  "multiple-choice": "Multiple choice", classification: "Classification", open: "Open question",
};

function itemEditor(item, n) {
  const id = `item-${n}`;
  const node = el("li", { class: "quiz-item", id, "data-item-id": item.id, "data-n": String(n) });
  node.append(
    el("div", { class: "item-head" },
      el("h3", { id: `${id}-heading` }, `Item ${n} · ${TYPE_NAMES[item.type] || item.type}`),
      el("button", { type: "button", class: "secondary drop", "aria-label": `Drop item ${n}`,
        onclick: (event) => toggleDrop(item, node, event.currentTarget) }, "Drop")),
    textField(`${id}-question`, "Question", item.question, (text) => { item.question = text; }));
  if (item.options.length) node.append(optionsEditor(item, id));
  else node.append(textField(`${id}-answer`, "Model answer (key)", item.answer, (text) => { item.answer = text; }));
  node.append(
    textField(`${id}-feedback`, "Feedback", item.feedback, (text) => { item.feedback = text; }),
    citation(item.source));
  return node;
}

// Tall enough to show a quoted provision without scrolling inside the box.
function rowsFor(text, least = 2) {
  return String(Math.min(8, Math.max(least, Math.ceil(text.length / 90))));
}

function textField(id, label, value, onEdit) {
  const area = el("textarea", { id, rows: rowsFor(value) });
  area.value = value;
  area.addEventListener("input", () => onEdit(area.value));
  return el("div", { class: "field" }, el("label", { for: id }, label), area);
}

// One correct option per item, as GIFT, Aiken and Moodle's single-answer questions expect; the
// key (`answer`) follows the option marked correct.
function optionsEditor(item, id) {
  const rows = item.options.map((option, i) => {
    const optionId = `${id}-option-${i + 1}`;
    const text = el("textarea", { id: optionId, rows: rowsFor(option.text, 1), "aria-label": `Option ${i + 1} text` });
    text.value = option.text;
    text.addEventListener("input", () => {
      option.text = text.value;
      if (option.correct) item.answer = option.text;
    });
    const correct = el("input", { type: "radio", name: `${id}-correct`, id: `${optionId}-correct` });
    correct.checked = option.correct;
    correct.addEventListener("change", () => {
      for (const other of item.options) other.correct = other === option;
      item.answer = option.text;
    });
    const feedback = el("input", { type: "text", "aria-label": `Option ${i + 1} feedback`, placeholder: "Feedback (optional)" });
    feedback.value = option.feedback;
    feedback.addEventListener("input", () => { option.feedback = feedback.value; });
    return el("div", { class: "option" }, correct,
      el("label", { for: `${optionId}-correct`, class: "correct-label" }, "Correct"), text, feedback);
  });
  return el("fieldset", { class: "options" }, el("legend", {}, "Options (mark the correct one)"), ...rows);
}

// Read-only: the item's basis is the law, and a trainer sees how much it binds.
function citation(source) {
  const weight = source.authority ? ` (${source.authority})` : "";
  const where = `${source.title}, ${source.provision}${source.page ? `, p. ${source.page}` : ""}${weight}`;
  return el("div", { class: "item-source", "data-article": source.article },
    el("p", { class: "label" }, "Source: ", el("span", { class: "where" }, where)),
    el("blockquote", { class: "quote" }, source.quote));
}

// Dropping is reversible until download: the item stays on the page, greyed, and is left out.
function toggleDrop(item, node, button) {
  const dropping = !quizState.dropped.has(item.id);
  if (dropping) quizState.dropped.add(item.id);
  else quizState.dropped.delete(item.id);
  node.classList.toggle("dropped", dropping);
  for (const control of node.querySelectorAll("textarea, input")) control.disabled = dropping;
  button.textContent = dropping ? "Restore" : "Drop";
  button.setAttribute("aria-label", `${dropping ? "Restore" : "Drop"} item ${node.dataset.n}`);
  const kept = quizState.quiz.items.length - quizState.dropped.size;
  quizStatus(`Item ${node.dataset.n} ${dropping ? "dropped" : "restored"}; ${plural(kept, "item")} will be downloaded.`);
}

function editedQuiz() {
  const quiz = quizState.quiz;
  return { ...quiz, items: quiz.items.filter((item) => !quizState.dropped.has(item.id)) };
}

async function downloadQuiz() {
  if (!quizState.quiz) return;
  const format = $("quiz-format").value;
  const button = $("quiz-download");
  button.disabled = true;
  quizStatus("Preparing the download…");
  try {
    const response = await fetch("/quiz/export", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ quiz: editedQuiz(), format }),
    });
    if (!response.ok) throw new Error(await errorMessage(response));
    const name = fileName(response.headers.get("Content-Disposition")) || `quiz.${format}`;
    saveBlob(await response.blob(), name);
    quizStatus(`Downloaded ${name}.`);
  } catch (error) {
    quizStatus(error.message, true);
  } finally {
    button.disabled = false;
  }
}

// The server's name for the file: RFC 6266 `filename*=UTF-8''…` first, then plain `filename=`.
function fileName(disposition) {
  if (!disposition) return "";
  const extended = disposition.match(/filename\*\s*=\s*[^']*'[^']*'([^;]+)/i);
  if (extended) return decodeURIComponent(extended[1].trim());
  const plain = disposition.match(/filename\s*=\s*("([^"]*)"|[^;]+)/i);
  return plain ? (plain[2] ?? plain[1]).trim() : "";
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, class: "visually-hidden" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
