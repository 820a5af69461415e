package com.stockpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vendored uPlot is the one recorded in uplot.properties, byte for byte, and the report inlines all of it. */
class ReportAssetsTest {

    @ParameterizedTest
    @ValueSource(strings = {ReportAssets.UPLOT_SCRIPT, ReportAssets.UPLOT_STYLE, ReportAssets.UPLOT_LICENSE})
    void vendoredFile_hasTheRecordedSha256(String name) throws Exception {
        Properties recorded = ReportAssets.uPlotRecord();
        String file = name.substring(name.lastIndexOf('/') + 1);

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ReportAssets.bytes(name)));

        assertThat(sha256).isEqualTo(recorded.getProperty("sha256." + file));
    }

    @Test
    void record_pinsOneExactVersionAndTheTarballsIntegrity() {
        Properties recorded = ReportAssets.uPlotRecord();

        assertThat(recorded.getProperty("version")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(recorded.getProperty("npm.integrity")).startsWith("sha512-");
        assertThat(recorded.getProperty("npm.tarball")).endsWith("/uplot-" + recorded.getProperty("version") + ".tgz");
    }

    @Test
    void uPlotScript_isTheLicenseThenTheWholeLibrary_withoutTheBannerThatNamesItsWebPage() {
        String vendored = ReportAssets.text(ReportAssets.UPLOT_SCRIPT);
        String banner = vendored.substring(0, vendored.indexOf("*/") + 2);

        String inline = ReportAssets.uPlotScript();

        assertThat(banner).startsWith("/*! https://github.com/leeoniya/uPlot");
        assertThat(inline).startsWith("/*! uPlot " + ReportAssets.uPlotRecord().getProperty("version"))
                .contains(ReportAssets.text(ReportAssets.UPLOT_LICENSE).strip())
                .endsWith(vendored.substring(banner.length()).stripLeading())
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("</script");
    }
}
