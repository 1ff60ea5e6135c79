/**
 * Observable Plot's charts as the extension's policy allows them. Plot puts a <style> element in
 * every chart and legend; the extension's content security policy allows no inline style (a
 * style an attacker slips into a view could restyle it or, with a URL, carry data away). So the
 * charts get one fixed class name, their <style> elements are dropped before they reach the
 * page, and the side panel's stylesheet holds the same rules (see `.chart-plot` in style.css).
 */
import * as Plot from '@observablehq/plot';

export const PLOT_CLASS = 'chart-plot';

/** `Plot.plot(options)` without inline styles, ready to insert into an extension page. */
export function plotFigure(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  const figure = Plot.plot({ ...options, className: PLOT_CLASS });
  for (const style of figure.querySelectorAll('style')) style.remove();
  return figure;
}
