package io.github.multiprocessing4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints one JSON line per metric, with the fields of bench_mp.py: name, unit, median, min, max, n, method. */
final class Json {
    private Json() {
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static void emit(String name, String unit, List<Double> values, String method, String note) {
        StringBuilder line = new StringBuilder("{");
        field(line, "name", name).append(", ");
        field(line, "unit", unit).append(", ");
        line.append("\"median\": ").append(round(median(values))).append(", ");
        line.append("\"min\": ").append(round(Collections.min(values))).append(", ");
        line.append("\"max\": ").append(round(Collections.max(values))).append(", ");
        line.append("\"n\": ").append(values.size()).append(", ");
        line.append("\"method\": ").append(method == null ? "null" : quote(method));
        if (note != null) {
            line.append(", ");
            field(line, "note", note);
        }
        System.out.println(line.append('}'));
        System.out.flush();
    }

    static void emitObject(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            line.append(first ? "" : ", ").append(quote(e.getKey())).append(": ");
            Object v = e.getValue();
            line.append(v instanceof Number || v instanceof Boolean ? v.toString() : quote(String.valueOf(v)));
            first = false;
        }
        System.out.println(line.append('}'));
        System.out.flush();
    }

    private static StringBuilder field(StringBuilder line, String key, String value) {
        return line.append(quote(key)).append(": ").append(quote(value));
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
