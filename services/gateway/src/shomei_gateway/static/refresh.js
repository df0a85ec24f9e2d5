// A page waiting on another service (a payment being prepared, a payment the order does not show
// yet) names its own address in data-refresh-url; it is shown again after a few seconds. Script
// rather than <meta http-equiv="refresh">, which screen readers cannot hold back (WCAG 2.2.1);
// the page also offers a link to do it by hand.
"use strict";
const waiting = document.querySelector("[data-refresh-url]");
if (waiting) {
  setTimeout(() => window.location.assign(waiting.dataset.refreshUrl), 3000);
}
