package io.gannet.benchmarks.lib;

/**
 * Fixed CURVE key pairs for the benchmarks, the same as the C perf tools' (perf_common.h),
 * so a Gannet, JeroMQ or libzmq client can meet a server of any of them. Published in the
 * source: for measuring only.
 */
public final class CurveKeys {
    public static final String SERVER_PUBLIC = "wzV{zc$9-juIv%{iwbMpim@/UQPbla9VY>[E8f?N";
    public static final String SERVER_SECRET = "Cysm-5GCw)-dDzU&F*gz}s*.7Ynr7TFI{r!6+$xD";
    public static final String CLIENT_PUBLIC = "j=mQzlJ.pQf5V>a>?$u.MuWPx)!@4L.PIWBM7oVD";
    public static final String CLIENT_SECRET = "2&#B8GxM^KWJBeUzFp^1fhe?KF!eAb9dk:mx=WzB";

    private CurveKeys() {
    }

    /** True when the environment variable {@code PERF_CURVE} asks for CURVE (any value but empty or 0). */
    public static boolean wanted() {
        String v = System.getenv("PERF_CURVE");
        return v != null && !v.isEmpty() && !v.equals("0");
    }
}
