// The advisor's web chat: vanilla JS, no CDN, works offline against the same server.
// Answers stream from POST /ask/stream (Server-Sent Events: `delta` text, then the final
// `answer`, whose text replaces the draft: with a language model it is the verified text).
// The conversation is kept here and sent as `history` with each question.
"use strict";

const MAX_TURNS = 20;
const state = { history: [], busy: false };
const $ = (id) => document.getElementById(id);

document.addEventListener("DOMContentLoaded", () => {
  $("ask-form").addEventListener("submit", (event) => { event.preventDefault(); send(); });
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); send(); }
  });
  $("new-conversation").addEventListener("click", newConversation);
  $("close-source").addEventListener("click", closeSource);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeSource(); });
  setUpTabs();
  loadInstruments("instrument", "quiz-doc");
  checkReady();
});

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function checkReady() {
  const response = await fetch("/ready");
  if (!response.ok) showBanner((await response.json()).detail || "The index is not loaded.");
}

// The indexed documents as options of each select named: the chat's filter, the quiz's instrument.
async function loadInstruments(...selectIds) {
  const response = await fetch("/documents");
  if (!response.ok) return;
  const documents = await response.json();
  for (const id of selectIds) {
    const select = $(id);
    for (const doc of documents) select.append(el("option", { value: doc.doc_id }, doc.short_title || doc.title));
  }
}

// The views (chat, Prepare Q&A) as WAI-ARIA tabs: one tab stop, arrow keys move between tabs.
function setUpTabs() {
  const tabs = [...document.querySelectorAll("[role='tab']")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab, tabs));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
      selectTab(next, tabs);
      next.focus();
    });
  }
}

function selectTab(chosen, tabs) {
  for (const tab of tabs) {
    const selected = tab === chosen;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !selected;
  }
  // The instrument filter and "New conversation" act on the chat only.
  $("chat-controls").hidden = chosen.id !== "tab-chat";
}

function showBanner(text) {
  $("banner").textContent = text;
  $("banner").hidden = !text;
}

function newConversation() {
  state.history = [];
  $("conversation").replaceChildren($("empty-hint") || "");
  closeSource();
  $("question").focus();
}

async function send() {
  const question = $("question").value.trim();
  if (!question || state.busy) return;
  setBusy(true);
  $("question").value = "";
  $("empty-hint")?.remove();
  addMessage("user", question);
  const reply = addMessage("assistant", "");
  reply.setAttribute("aria-busy", "true");
  try {
    const answer = await streamAnswer(question, (text) => { reply.querySelector(".text").textContent += text; });
    renderAnswer(reply, answer);
    state.history.push({ role: "user", content: question }, { role: "assistant", content: answer.answer });
    state.history = state.history.slice(-MAX_TURNS);
  } catch (error) {
    reply.classList.add("error");
    reply.querySelector(".text").textContent = error.message;
  } finally {
    reply.setAttribute("aria-busy", "false");
    setBusy(false);
    $("question").focus();
  }
}

function setBusy(busy) {
  state.busy = busy;
  $("send").disabled = busy;
  $("send").textContent = busy ? "…" : "Ask";
}

function addMessage(role, text) {
  const label = role === "user" ? "You" : "advisor";
  const node = el("article", { class: `message ${role}`, "aria-label": `${label} said` },
    el("p", { class: "who" }, label), el("div", { class: "text" }, text));
  $("conversation").append(node);
  node.scrollIntoView({ block: "end", behavior: "smooth" });
  return node;
}

function requestBody(question) {
  const docId = $("instrument").value;
  return { question, history: state.history, filters: docId ? { doc_ids: [docId] } : null };
}

async function streamAnswer(question, onText) {
  const response = await fetch("/ask/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(requestBody(question)),
  });
  if (!response.ok) throw new Error(await errorMessage(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const event = parseEvent(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
      if (event.type === "delta") onText(JSON.parse(event.data).text);
      else if (event.type === "answer") return JSON.parse(event.data);
      else if (event.type === "error") throw new Error(JSON.parse(event.data).detail);
    }
  }
  throw new Error("The answer was cut off; please ask again.");
}

function parseEvent(block) {
  const event = { type: "message", data: "" };
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event.type = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  event.data = data.join("\n");
  return event;
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.error?.message || String(body.detail);
  } catch {
    return `The server answered ${response.status}.`;
  }
}

function renderAnswer(node, answer) {
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
  node.classList.toggle("abstained", answer.abstained);
  const text = el("div", { class: "text" });
  if (answer.abstained) text.append(el("p", { class: "badge" }, "Not covered by the indexed documents"));
  text.append(...withCitationButtons(answer.answer, byNumber));
  node.querySelector(".text").replaceWith(text);
  if (answer.citations.length) node.append(sourcesList(answer.citations));
  if (answer.see_also.length) node.append(seeAlsoList(answer.see_also));
  if (answer.verification) node.append(el("p", { class: "verification" }, verificationLine(answer.verification)));
  node.append(el("div", { class: "actions" },
    el("button", { type: "button", class: "secondary copy", onclick: (e) => copyAnswer(answer, e.currentTarget) },
      "Copy answer with citations")));
}

function withCitationButtons(text, byNumber) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    const citation = byNumber.get(Number(match[1]));
    if (!citation) continue;
    parts.push(text.slice(last, match.index), citationButton(citation));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function citationButton(citation) {
  return el("button", {
    type: "button", class: "cite", "data-n": String(citation.n),
    "aria-label": `Source ${citation.n}: ${describe(citation)}`, onclick: () => openSource(citation),
  }, `[${citation.n}]`);
}

function describe(c) {
  const weight = c.authority && c.kind !== "treaty" ? ` (${c.authority})` : "";
  return `${c.title}, ${c.provision || "text"}${c.page ? `, p. ${c.page}` : ""}${weight}`;
}

function sourcesList(citations) {
  const list = el("ol", { class: "sources", "aria-label": "Sources" });
  for (const c of citations) {
    list.append(el("li", { value: String(c.n) },
      el("button", { type: "button", class: "link", onclick: () => openSource(c) }, describe(c))));
  }
  return el("div", { class: "sources-block" }, el("p", { class: "label" }, "Sources"), list);
}

function seeAlsoList(items) {
  const names = items.map((s) => (s.provision ? `${s.title}, ${s.provision}` : s.title));
  return el("p", { class: "see-also" }, el("span", { class: "label" }, "See also: "), names.join("; "));
}

function verificationLine(v) {
  const claims = v.sentences.filter((s) => s.substantive);
  const kept = claims.filter((s) => s.supported).length;
  let line = `Verified: ${kept} of ${claims.length} generated sentences supported by their passages`;
  if (v.removed) line += `; ${v.removed} removed`;
  if (v.fell_back_to_extractive) line += "; showing the quoted passages instead";
  return `${line}.`;
}

function fileUrl(c) {
  return `/documents/${encodeURIComponent(c.doc_id)}/file${c.page ? `#page=${c.page}` : ""}`;
}

async function openSource(citation) {
  const panel = $("source-panel");
  $("source-title").textContent = `[${citation.n}] ${citation.title}`;
  $("source-where").textContent = describe(citation);
  $("source-quote").textContent = citation.quote;
  const link = $("source-file");
  link.href = fileUrl(citation);
  link.textContent = citation.page ? `Open the document at page ${citation.page}` : "Open the original document";
  const provision = $("source-provision");
  provision.replaceChildren();
  panel.hidden = false;
  panel.focus();
  if (!citation.article) {
    provision.textContent = "This passage is not part of a numbered article.";
    return;
  }
  provision.setAttribute("aria-busy", "true");
  const annex = citation.annex ? `?annex=${encodeURIComponent(citation.annex)}` : "";
  const url = `/documents/${encodeURIComponent(citation.doc_id)}/provisions/${encodeURIComponent(citation.article)}${annex}`;
  const response = await fetch(url);
  provision.setAttribute("aria-busy", "false");
  if (!response.ok) { provision.textContent = await errorMessage(response); return; }
  const body = await response.json();
  provision.replaceChildren(...highlighted(body.text, citation.quote));
}

function highlighted(text, quote) {
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), el("mark", {}, quote), text.slice(at + quote.length)];
}

function closeSource() {
  $("source-panel").hidden = true;
}

function answerAsText(answer) {
  const parts = [answer.answer];
  if (answer.citations.length) parts.push(["Sources:", ...answer.citations.map((c) => `[${c.n}] ${describe(c)}`)].join("\n"));
  if (answer.see_also.length) parts.push(seeAlsoList(answer.see_also).textContent);
  return parts.join("\n\n");
}

async function copyAnswer(answer, button) {
  const text = answerAsText(answer);
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea", { class: "visually-hidden" }, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy answer with citations"; }, 2000);
}
