package org.example.mp4jtest;

/** An exception in a package the parent never sent, so its allow-list refuses it. */
public class SecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
