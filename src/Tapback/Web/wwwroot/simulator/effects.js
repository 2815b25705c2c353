// iMessage's expressive sends, drawn with CSS animations and no files: four bubble effects that
// animate the bubble itself, and eight screen effects that play over the whole conversation.
// The strict CSP allows no inline styles in markup; positions are set through the CSSOM.

export const effects = {
  slam: { label: "Slam", screen: false },
  loud: { label: "Loud", screen: false },
  gentle: { label: "Gentle", screen: false },
  invisible_ink: { label: "Invisible Ink", screen: false },
  echo: { label: "Echo", screen: true },
  spotlight: { label: "Spotlight", screen: true },
  balloons: { label: "Balloons", screen: true },
  confetti: { label: "Confetti", screen: true },
  love: { label: "Love", screen: true },
  lasers: { label: "Lasers", screen: true },
  fireworks: { label: "Fireworks", screen: true },
  celebration: { label: "Celebration", screen: true },
};

const playMs = 3200; // how long a screen effect stays; its animations end within this
const colours = ["#ff3b30", "#ff9500", "#ffcc00", "#34c759", "#0a84ff", "#af52de", "#ff2d55"];

const reducedMotion = () => globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

/** The class a bubble effect gives its row (invisible ink hides the words until tapped). */
export function bubbleEffectClass(effect) {
  return effects[effect] && !effects[effect].screen ? `fx-${effect.replace("_", "-")}` : null;
}

/**
 * Plays an effect for a message that just arrived (or on Replay): a bubble effect restarts the
 * row's animation; a screen effect adds a layer over the screen and removes it when done.
 */
export function play(effect, { screen, row, text }) {
  const known = effects[effect];
  if (!known || !row) {
    return;
  }
  if (!known.screen) {
    const name = bubbleEffectClass(effect);
    row.classList.remove("fx-play");
    void row.offsetWidth; // restart the animation on Replay
    row.classList.add(name, "fx-play");
    return;
  }
  if (reducedMotion()) {
    return; // as on an iPhone with Reduce Motion: the message arrives without the show
  }
  screen.querySelector(".screen-effect")?.remove();
  const layer = document.createElement("div");
  layer.className = `screen-effect effect-${effect}`;
  layer.setAttribute("aria-hidden", "true");
  layer.dataset.effect = effect;
  draw[effect](layer, { screen, row, text });
  screen.append(layer);
  setTimeout(() => layer.remove(), playMs);
}

const random = (min, max) => min + Math.random() * (max - min);

function particle(layer, className, props) {
  const piece = document.createElement("span");
  piece.className = className;
  for (const [name, value] of Object.entries(props)) {
    piece.style.setProperty(`--${name}`, value);
  }
  layer.append(piece);
  return piece;
}

const draw = {
  confetti(layer) {
    for (let i = 0; i < 70; i++) {
      particle(layer, "confetti", {
        x: `${random(0, 100)}%`,
        delay: `${random(0, 0.9)}s`,
        spin: `${random(360, 1080)}deg`,
        drift: `${random(-40, 40)}px`,
        colour: colours[i % colours.length],
      });
    }
  },
  balloons(layer) {
    for (let i = 0; i < 14; i++) {
      particle(layer, "balloon", {
        x: `${random(0, 88)}%`,
        delay: `${random(0, 0.8)}s`,
        size: `${random(46, 70)}px`,
        colour: colours[i % colours.length],
      });
    }
  },
  love(layer) {
    particle(layer, "heart", {}).textContent = "❤️";
  },
  fireworks(layer) {
    for (let burst = 0; burst < 4; burst++) {
      const x = `${random(15, 85)}%`;
      const y = `${random(15, 55)}%`;
      const delay = `${burst * 0.55}s`;
      const colour = colours[(burst * 2) % colours.length];
      for (let i = 0; i < 16; i++) {
        particle(layer, "spark", { x, y, delay, colour, angle: `${(360 / 16) * i}deg` });
      }
    }
  },
  lasers(layer) {
    for (let i = 0; i < 6; i++) {
      particle(layer, "beam", { angle: `${-60 + i * 24}deg`, colour: colours[i % colours.length], delay: `${i * 0.08}s` });
    }
  },
  celebration(layer) {
    for (let i = 0; i < 40; i++) {
      particle(layer, "sparkle", {
        delay: `${random(0, 1.2)}s`,
        dx: `${random(-300, -20)}px`,
        dy: `${random(20, 420)}px`,
      });
    }
  },
  echo(layer, { text }) {
    for (let i = 0; i < 18; i++) {
      particle(layer, "echo", {
        y: `${random(5, 90)}%`,
        delay: `${random(0, 1.2)}s`,
        scale: `${random(0.6, 1.2)}`,
      }).textContent = text || "…";
    }
  },
  spotlight(layer, { screen, row }) {
    const box = row.getBoundingClientRect();
    const frame = screen.getBoundingClientRect();
    particle(layer, "spot", {
      cx: `${box.left - frame.left + box.width / 2}px`,
      cy: `${box.top - frame.top + box.height / 2}px`,
    });
  },
};
