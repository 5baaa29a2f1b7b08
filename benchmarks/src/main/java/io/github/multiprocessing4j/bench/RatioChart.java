package io.github.multiprocessing4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.util.ExportUtils;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws the ratios that {@code benchmarks/compare} printed as a horizontal bar chart (JFreeChart), one bar per
 * metric and figure (steady, cold), on a logarithmic axis around 1 (same as Python). Usage:
 * {@code RatioChart OUT.png|OUT.svg RATIOS.tsv [TITLE]}, where each line of the TSV is
 * {@code metric<TAB>steady ratio<TAB>cold ratio} (an empty field: no figure).
 *
 * <p>SVG: JFreeChart writes vector SVG only with JFreeSVG on the class path (not a dependency of this project);
 * without it, the file is an SVG that holds the PNG rendering.
 */
public final class RatioChart {
    private static final int WIDTH = 1000;

    private RatioChart() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true"); // no display needed
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: RatioChart OUT.png|OUT.svg RATIOS.tsv [TITLE]");
        }
        Path out = Path.of(args[0]);
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("the chart file must end with .png or .svg: " + out);
        }
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                continue;
            }
            add(data, f[1], "steady", f[0]);
            add(data, f[2], "cold", f[0]);
        }
        if (data.getColumnCount() == 0) {
            throw new IllegalArgumentException("no ratio to draw in " + args[1]);
        }
        JFreeChart chart = chart(data, args.length > 2 ? args[2] : "multiprocessing4j vs CPython multiprocessing");
        int height = 120 + 26 * data.getColumnCount();
        if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(out.toFile(), chart, WIDTH, height);
        } else if (ExportUtils.isJFreeSVGAvailable()) {
            ExportUtils.writeAsSVG(chart, WIDTH, height, out.toFile());
        } else {
            byte[] png = ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, height));
            Files.writeString(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\""
                    + height + "\"><image width=\"" + WIDTH + "\" height=\"" + height + "\" href=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png) + "\"/></svg>\n", StandardCharsets.UTF_8);
        }
        System.err.println("chart written: " + new File(args[0]).getAbsolutePath());
    }

    private static void add(DefaultCategoryDataset data, String ratio, String series, String metric) {
        if (!ratio.isBlank()) {
            double r = Double.parseDouble(ratio.trim());
            if (r > 0) {
                data.addValue(r, series, metric);
            }
        }
    }

    private static JFreeChart chart(DefaultCategoryDataset data, String title) {
        LogAxis axis = new LogAxis("ratio, Java vs Python (> 1: Java better; log scale)");
        axis.setBase(10);
        axis.setSmallestValue(1e-3);
        axis.setNumberFormatOverride(new DecimalFormat("0.###x")); // 0.5x, 1x, 10x rather than powers of ten
        BarRenderer bars = new BarRenderer();
        bars.setBase(1.0); // bars grow from "same as Python"
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x1f77b4));
        bars.setSeriesPaint(1, new Color(0xaec7e8));
        bars.setItemMargin(0.05);
        CategoryPlot plot = new CategoryPlot(data, new org.jfree.chart.axis.CategoryAxis(), axis, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker same = new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.5f));
        plot.addRangeMarker(same);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
