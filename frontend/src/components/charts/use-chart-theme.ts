import { useEffect, useState } from "react";

export interface ChartTheme {
  line: string;
  fill: string;
  grid: string;
  text: string;
}

/** The theme's colours as charts need them (canvas cannot read CSS variables), updated when the theme switches. */
export function useChartTheme(): ChartTheme | undefined {
  const [theme, setTheme] = useState<ChartTheme | undefined>(undefined);
  useEffect(() => {
    const read = () => {
      const style = getComputedStyle(document.documentElement);
      const color = (name: string) => style.getPropertyValue(name).trim();
      setTheme({ line: color("--color-brand"), fill: color("--color-brand-soft"), grid: color("--color-border"), text: color("--color-muted") });
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
