package org.intersession.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Installs {@link ApiContract} for plain JUnit tests (the end-to-end suite), registered by JUnit's extension auto-detection. */
public class ApiContractExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ApiContract.install();
    }
}
