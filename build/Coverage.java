import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a module's total line coverage from JaCoCo's CSV report as one line of the build output:
 * {@code [coverage] keybridge-server line coverage 81.4% (minimum 80.0%), 12345 of 15170 lines}.
 * The figure is rounded down to one decimal, like the minimum, so a figure shown equal to the minimum passes.
 * It only reports: {@code jacoco:check} (same minimum) fails the build.
 *
 * <p>Run by exec-maven-plugin after the integration tests (a single-file program, Java 17+):
 * {@code java build/Coverage.java <jacoco.csv> <module> <minimum percent> <enforced: true|false>}
 */
public class Coverage {

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java Coverage.java <jacoco.csv> <module> <minimum percent> <enforced>");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        String module = args[1];
        BigDecimal minimum = new BigDecimal(args[2]);
        boolean enforced = Boolean.parseBoolean(args[3]);
        if (!Files.isRegularFile(csv)) {
            System.out.println("[coverage] " + module + ": no coverage report (" + csv + "): the tests did not run");
            return;
        }
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int missedAt = header.indexOf("LINE_MISSED");
        int coveredAt = header.indexOf("LINE_COVERED");
        if (missedAt < 0 || coveredAt < 0) {
            throw new IllegalStateException(csv + " has no LINE_MISSED/LINE_COVERED columns: " + header);
        }
        long missed = 0;
        long covered = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");   // group, package and class names hold no commas
            missed += Long.parseLong(cells[missedAt]);
            covered += Long.parseLong(cells[coveredAt]);
        }
        long total = missed + covered;
        BigDecimal percent = total == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(covered).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN);
        BigDecimal exact = total == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(covered).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(total), 10, RoundingMode.DOWN);
        String note = "";
        if (exact.compareTo(minimum) < 0) {
            note = enforced ? " BELOW THE MINIMUM: jacoco:check fails the build"
                    : " below the minimum (not enforced: only some tests ran, -Dtest or -Dit.test)";
        }
        System.out.println("[coverage] " + module + " line coverage " + percent + "% (minimum "
                + minimum.setScale(1, RoundingMode.DOWN) + "%), " + covered + " of " + total + " lines" + note);
    }
}
