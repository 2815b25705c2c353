// The sign-in page: posts the admin token; the server answers with an HttpOnly cookie.

const form = document.getElementById("signin-form");
const token = document.getElementById("token");
const error = document.getElementById("signin-error");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  token.removeAttribute("aria-invalid");
  if (!token.value.trim()) {
    fail("Enter the admin token.");
    return;
  }
  let response;
  try {
    response = await fetch("/api/dashboard/signin", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token: token.value }),
    });
  } catch {
    fail("Tapback is not reachable. Is the gateway running?");
    return;
  }
  if (response.ok) {
    location.assign("/");
    return;
  }
  let detail = "Sign-in failed.";
  try {
    detail = (await response.json()).detail ?? detail;
  } catch {
    // Keep the plain message.
  }
  fail(detail);
});

function fail(message) {
  error.textContent = message;
  error.hidden = false;
  token.setAttribute("aria-invalid", "true");
  token.focus();
}
