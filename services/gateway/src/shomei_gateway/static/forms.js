// Progressive enhancement of the applicant site's forms. Every page works without it: the server
// recognises a repeated 申請 by its key and answers a too-large upload with a page of its own;
// this only spares the user the wait and the round trip.
"use strict";

// A form on its way is not sent again: a second click would only race the first.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "1";
  // Disabled after this event, not during it: a button disabled now would drop its own
  // name and value (修正する's "edit") from the submission being sent.
  window.setTimeout(() => {
    for (const button of form.querySelectorAll("button")) {
      button.disabled = true;
    }
    form.setAttribute("aria-busy", "true");
  }, 0);
});

// Back from the next page through the browser's cache: the form may be sent again.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  for (const form of document.querySelectorAll("form[data-sending]")) {
    delete form.dataset.sending;
    form.removeAttribute("aria-busy");
    for (const button of form.querySelectorAll("button")) button.disabled = false;
  }
});

// A file larger than the server takes is refused before it is uploaded, at its own field,
// and nothing typed is lost.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) return;
  if (input.dataset.describedBy === undefined) {
    input.dataset.describedBy = input.getAttribute("aria-describedby") || "";
  }
  const message = document.getElementById(input.dataset.sizeMessage);
  const file = input.files && input.files[0];
  const tooLarge = Boolean(file) && file.size > Number(input.dataset.maxBytes);
  if (message) message.hidden = !tooLarge;
  if (tooLarge) {
    input.value = "";
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", input.dataset.sizeMessage);
    input.focus();
  } else {
    input.setAttribute("aria-describedby", input.dataset.describedBy);
    if (!input.closest(".invalid")) input.removeAttribute("aria-invalid");
  }
});
