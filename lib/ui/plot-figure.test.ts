// @vitest-environment happy-dom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { PLOT_CLASS, plotFigure } from './plot-figure';

describe('plotFigure', () => {
  it('draws the chart and its legend without inline <style> elements, under one class name', () => {
    const data = [
      { model: 'a', value: 1 },
      { model: 'b', value: 2 },
    ];
    const options = {
      color: { legend: true },
      marks: [Plot.barX(data, { x: 'value', y: 'model', fill: 'model' })],
    };
    // Plot itself puts styles in: what the extension's policy would block.
    expect(Plot.plot(options).querySelectorAll('style').length).toBeGreaterThan(0);
    const figure = plotFigure(options);
    expect(figure.querySelectorAll('style')).toHaveLength(0);
    expect(figure.querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
    expect(figure.querySelector(`.${PLOT_CLASS}-swatches`)).not.toBeNull();
    expect(figure.outerHTML).toContain(PLOT_CLASS);
  });
});
