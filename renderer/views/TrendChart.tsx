/**
 * Applications and outcomes of one body over the years as a line chart: Apache ECharts, bundled
 * (no remote content, no eval: CSP holds), only the pieces used. An unknown figure is a gap in
 * the line, never a 0.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface TrendSeries {
  name: string;
  values: (number | null)[];
}

export function TrendChart({ years, series, label }: { years: number[]; series: TrendSeries[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const chart = echarts.init(host.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value' },
      series: series.map((s) => ({ name: s.name, type: 'line', data: s.values.map((v) => (v === null ? '-' : v)), connectNulls: false })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [years, series]);
  return <div ref={host} className="trend-chart" role="img" aria-label={label} style={{ width: '100%', height: 280 }} />;
}
