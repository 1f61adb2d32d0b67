package io.switchboard.notification.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP pass-through in front of the shared SMTP server that can be closed and opened again on the same port:
 * closed, it refuses connections exactly like a stopped SMTP server. It stands in for
 * {@code GreenMailSmtpServer.pauseSmtp()/resumeSmtp()}, whose resume cannot work in GreenMail 2.1 (a stopped
 * server thread cannot be started again: IllegalThreadStateException), and which would end the shared
 * server for every later test class of the JVM.
 */
final class SmtpGate implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket listening;

    private SmtpGate(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listening = bind(0);
        this.port = listening.getLocalPort();
        acceptOn(listening);
    }

    static SmtpGate to(String host, int port) {
        return new SmtpGate(host, port);
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return port;
    }

    /** Refuses new connections and cuts open ones, as a stopped SMTP server would. */
    synchronized void shut() {
        closeQuietly(listening);
        listening = null;
        connections.forEach(SmtpGate::closeQuietly);
        connections.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void open() {
        if (listening == null) {
            listening = bind(port);
            acceptOn(listening);
        }
    }

    @Override
    public void close() {
        shut();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptOn(ServerSocket server) {
        Thread.ofPlatform().daemon().name("smtp-gate-accept").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream;
                    try {
                        upstream = new Socket(targetHost, targetPort);
                    } catch (IOException e) {
                        closeQuietly(client);
                        continue;
                    }
                    connections.add(client);
                    connections.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed by shut(), or the upstream refused: the client sees its connection end
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("smtp-gate-pump").start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                connections.remove(from);
                connections.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
