"use client";

import { useState } from "react";

type Theme = "system" | "light" | "dark";

export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <label className="row" style={{ fontWeight: 400, gap: 6, margin: 0 }}>
      <span className="muted">Theme</span>
      <select
        aria-label="Colour theme"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          document.documentElement.dataset.theme = next;
          document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
        }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
