package org.thymus.core.kernel;

/** Picks the kernels once, without loading the Vector API classes when the module is absent. */
final class KernelsHolder {
    static final Kernels INSTANCE = choose();

    private KernelsHolder() {
    }

    private static Kernels choose() {
        if ("scalar".equalsIgnoreCase(System.getProperty("thymus.kernels", ""))) {
            return ScalarKernels.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarKernels.INSTANCE;
        }
        try {
            return (Kernels) Class.forName("org.thymus.core.kernel.VectorKernels")
                    .getDeclaredField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarKernels.INSTANCE;
        }
    }
}
