package io.gannet.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small log-log line chart written as PNG with Java2D, so the report needs no plotting
 * tool and no network. X is the message size, Y the measured value; each series is one
 * library (and transport). Not thread-safe; build, then {@link #write}.
 */
final class LineChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> names = new ArrayList<>();
    private final List<double[][]> points = new ArrayList<>();
    private final List<Boolean> dashed = new ArrayList<>();

    LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series of {x, y} points (positive values; others are skipped). */
    void series(String name, List<double[]> xy, boolean dash) {
        List<double[]> kept = new ArrayList<>();
        for (double[] p : xy) {
            if (p[0] > 0 && p[1] > 0) {
                kept.add(p);
            }
        }
        if (!kept.isEmpty()) {
            names.add(name);
            points.add(kept.toArray(new double[0][]));
            dashed.add(dash);
        }
    }

    /** Whether any series has data. */
    boolean isEmpty() {
        return names.isEmpty();
    }

    /** Renders the chart to {@code file} as PNG. */
    void write(Path file) throws IOException {
        double minX = Double.MAX_VALUE, maxX = 0, minY = Double.MAX_VALUE, maxY = 0;
        for (double[][] s : points) {
            for (double[] p : s) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double lx0 = Math.floor(Math.log10(minX)), lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(maxX)));
        double ly0 = Math.floor(Math.log10(minY)), ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(maxY)));

        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = (int) lx0; d <= (int) lx1; d++) {
            int x = LEFT + (int) ((d - lx0) / (lx1 - lx0) * plotW);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Spread.human(Math.pow(10, d)), x - 10, TOP + plotH + 18);
        }
        for (int d = (int) ly0; d <= (int) ly1; d++) {
            int y = TOP + plotH - (int) ((d - ly0) / (ly1 - ly0) * plotH);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Spread.human(Math.pow(10, d)), 10, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString(xLabel + " (log scale)", LEFT + plotW / 2 - 60, HEIGHT - 15);
        g.drawString(yLabel + " (log)", 10, TOP - 8);

        for (int s = 0; s < names.size(); s++) {
            Color c = PALETTE[s % PALETTE.length];
            g.setColor(c);
            g.setStroke(dashed.get(s)
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
            double[][] pts = points.get(s);
            int px = -1, py = -1;
            for (double[] p : pts) {
                int x = LEFT + (int) ((Math.log10(p[0]) - lx0) / (lx1 - lx0) * plotW);
                int y = TOP + plotH - (int) ((Math.log10(p[1]) - ly0) / (ly1 - ly0) * plotH);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            int ly = TOP + 10 + s * 20;
            g.drawLine(LEFT + plotW + 15, ly, LEFT + plotW + 40, ly);
            g.setColor(Color.BLACK);
            g.drawString(names.get(s), LEFT + plotW + 47, ly + 4);
        }
        g.dispose();
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LineChart[%s, %d series]", title, names.size());
    }
}
