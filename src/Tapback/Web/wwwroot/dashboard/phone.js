// Checks a phone number as it is typed: E.164 is "+", a country code and up to 15 digits in all.
// The server normalises and checks again; this only saves a round trip and says what to fix.

const e164 = /^\+[1-9]\d{7,14}$/;

export function normalise(typed) {
  return typed.replace(/[\s().\-\u00a0]/g, "");
}

export function phoneMessage(typed) {
  const value = normalise(typed);
  if (!value) return "Enter the phone number that texted /setup.";
  if (!value.startsWith("+")) return "Start with + and the country code, e.g. +15551234567.";
  if (/[^+\d]/.test(value)) return "Use digits only after the +.";
  if (!e164.test(value)) return "That is not a full number yet: + country code and number, 8 to 15 digits.";
  return "";
}

/** Wires a phone input to its hint: the hint says what is wrong, or shows the number as it will be sent. */
export function checkAsTyped(input, hint) {
  const check = () => {
    const message = phoneMessage(input.value);
    input.setCustomValidity(message);
    if (input.value === "") {
      input.removeAttribute("aria-invalid");
      hint.textContent = "In E.164: + country code and number, e.g. +15551234567.";
      hint.dataset.state = "";
    } else if (message) {
      input.setAttribute("aria-invalid", "true");
      hint.textContent = message;
      hint.dataset.state = "invalid";
    } else {
      input.removeAttribute("aria-invalid");
      hint.textContent = `Looks right: ${normalise(input.value)}`;
      hint.dataset.state = "valid";
    }
  };
  input.addEventListener("input", check);
  check();
}
