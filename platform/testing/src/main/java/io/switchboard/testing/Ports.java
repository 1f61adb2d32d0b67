package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isTaken(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with one clear line when something else already listens on the port. */
    public static void requireFree(int port, String forWhat) {
        if (isTaken(port)) {
            throw new PortTakenException("port " + port + " (" + forWhat + ") is already in use; stop what uses it or choose another port");
        }
    }

    public static final class PortTakenException extends RuntimeException {
        public PortTakenException(String message) {
            super(message);
        }
    }
}
