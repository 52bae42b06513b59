// The chat page: streams answers from POST /api/chat/stream (server-sent events read with fetch, because
// EventSource cannot POST), keeps the session id across turns and rates answers through POST /api/chat/feedback.
"use strict";

const STREAM_PATH = "/api/chat/stream";
const FEEDBACK_PATH = "/api/chat/feedback";
const USER_KEY = "llmreference.userId";
const API_KEY = "llmreference.apiKey";

const log = document.getElementById("log");
const form = document.getElementById("composer");
const input = document.getElementById("message");
const send = document.getElementById("send");
const stop = document.getElementById("stop");
const sessionLabel = document.getElementById("session");
const userIdInput = document.getElementById("user-id");
const apiKeyInput = document.getElementById("api-key");
const template = document.getElementById("assistant-template");

let sessionId = null;
let running = null;

userIdInput.value = localStorage.getItem(USER_KEY) || "demo-user";
apiKeyInput.value = sessionStorage.getItem(API_KEY) || "";
userIdInput.addEventListener("change", () => localStorage.setItem(USER_KEY, userIdInput.value.trim()));
apiKeyInput.addEventListener("change", () => sessionStorage.setItem(API_KEY, apiKeyInput.value));

function callerHeaders() {
  const headers = { "Content-Type": "application/json", "Accept": "text/event-stream, application/problem+json" };
  const apiKey = apiKeyInput.value.trim();
  if (apiKey) {
    headers["X-Api-Key"] = apiKey;
  } else if (userIdInput.value.trim()) {
    headers["X-User-Id"] = userIdInput.value.trim();
  }
  return headers;
}

function setSession(id) {
  sessionId = id;
  sessionLabel.textContent = id ? `Session ${id}` : "New conversation";
}

// The session sent had no stored history (expired after the idle TTL, or lost): the server started a new one and
// says so (X-Session-Status: restarted), so the user is not led to think the assistant remembers the conversation.
function showSessionRestarted(before) {
  const item = document.createElement("li");
  item.className = "message notice";
  item.setAttribute("role", "status");
  item.textContent = "Your previous conversation expired, so the assistant no longer remembers it. Starting a new one.";
  log.insertBefore(item, before);
}

function addUserMessage(text) {
  const item = document.createElement("li");
  item.className = "message user";
  const who = document.createElement("p");
  who.className = "who";
  who.textContent = "You";
  const body = document.createElement("div");
  body.className = "text";
  body.textContent = text;
  item.append(who, body);
  log.append(item);
  item.scrollIntoView({ block: "end" });
}

function addAssistantMessage() {
  const item = template.content.firstElementChild.cloneNode(true);
  log.append(item);
  return item;
}

function showProblem(item, problem) {
  item.classList.add("error");
  item.querySelector(".who").textContent = problem.title || "Something went wrong";
  const detail = problem.detail || `The request failed (${problem.status || "no status"}).`;
  const text = item.querySelector(".text");
  text.textContent = text.textContent ? `${text.textContent}\n\n${detail}` : detail;
  item.scrollIntoView({ block: "end" });
}

function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function showDone(item, done) {
  const meta = item.querySelector(".meta");
  meta.textContent =
    // The deployment that answered ("model", or "model-fallback" after a failover); none for a cached answer.
    `${done.model}${done.deployment ? ` on ${done.deployment}` : ""} · ` +
    `${done.usage.inputTokens} in / ${done.usage.outputTokens} out tokens · ` +
    `${formatMs(done.latencyMs)} (first text after ${formatMs(done.timeToFirstChunkMs)})`;
  if (done.cached) {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = "cached";
    meta.append(" · ", badge);
  }
  if (done.traceId) {
    meta.title = `Trace ${done.traceId}`;
  }
  meta.hidden = false;
  if (done.responseId) {
    enableFeedback(item, done.responseId);
  }
}

function enableFeedback(item, responseId) {
  const group = item.querySelector(".feedback");
  const status = group.querySelector(".vote-status");
  for (const button of group.querySelectorAll(".vote")) {
    button.addEventListener("click", async () => {
      const score = button.dataset.score;
      status.textContent = "Sending…";
      try {
        const response = await fetch(FEEDBACK_PATH, {
          method: "POST",
          headers: callerHeaders(),
          body: JSON.stringify({ responseId, score }),
        });
        if (!response.ok) {
          const problem = await readProblem(response);
          status.textContent = problem.detail || `Feedback failed (${response.status}).`;
          return;
        }
        for (const other of group.querySelectorAll(".vote")) {
          other.setAttribute("aria-pressed", String(other === button));
        }
        status.textContent = "Thanks for the feedback.";
      } catch {
        status.textContent = "Feedback could not be sent.";
      }
    });
  }
  group.hidden = false;
}

async function readProblem(response) {
  try {
    return await response.json();
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

// Parses the text/event-stream body as it arrives and calls onEvent(type, data) per event.
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += value.replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) {
          type = line.slice(6).trim();
        } else if (line.startsWith("data:")) {
          data.push(line.slice(5).replace(/^ /, ""));
        }
      }
      if (data.length > 0) {
        onEvent(type, JSON.parse(data.join("\n")));
      }
    }
  }
}

async function ask(message) {
  addUserMessage(message);
  const item = addAssistantMessage();
  const text = item.querySelector(".text");
  const controller = new AbortController();
  running = controller;
  setBusy(true);
  try {
    const response = await fetch(STREAM_PATH, {
      method: "POST",
      headers: callerHeaders(),
      body: JSON.stringify({ sessionId, message }),
      signal: controller.signal,
    });
    if (!response.ok || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
      showProblem(item, await readProblem(response));
      return;
    }
    if (response.headers.get("X-Session-Status") === "restarted") {
      showSessionRestarted(item.previousElementSibling);
    }
    await readEvents(response.body, (type, data) => {
      switch (type) {
        case "delta":
          text.textContent += data.text;
          item.scrollIntoView({ block: "end" });
          break;
        case "done":
          setSession(data.sessionId);
          showDone(item, data);
          break;
        case "error":
          showProblem(item, data);
          break;
      }
    });
  } catch (error) {
    showProblem(item, controller.signal.aborted
      ? { title: "Stopped", detail: "You stopped this answer." }
      : { title: "Connection problem", detail: String(error) });
  } finally {
    item.setAttribute("aria-busy", "false");
    running = null;
    setBusy(false);
  }
}

function setBusy(busy) {
  send.disabled = busy;
  stop.hidden = !busy;
  if (!busy) {
    input.focus();
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message || running) {
    return;
  }
  input.value = "";
  ask(message);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

stop.addEventListener("click", () => running?.abort());

document.getElementById("new-conversation").addEventListener("click", () => {
  running?.abort();
  log.replaceChildren();
  setSession(null);
  input.focus();
});
