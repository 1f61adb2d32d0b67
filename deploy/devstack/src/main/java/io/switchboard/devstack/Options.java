package io.switchboard.devstack;

/**
 * The launcher's options.
 *
 * @param gatewayAddress where the gateway listens: 127.0.0.1 unless {@code --public} (0.0.0.0) or
 *                       {@code SWITCHBOARD_GATEWAY_ADDRESS} opened it; everything else stays on 127.0.0.1
 */
record Options(boolean wipe, boolean withServices, String gatewayAddress) {

    static final String LOOPBACK = "127.0.0.1";
    static final String GATEWAY_ADDRESS_ENV = "SWITCHBOARD_GATEWAY_ADDRESS";

    static final String USAGE = """
            usage: devstack [--wipe] [--no-services] [--public]
              --wipe         delete .devstack/ (database, Kafka topics, Keycloak users, secrets, logs) before starting
              --no-services  start PostgreSQL, Kafka, Keycloak and SMTP only
              --public       let the gateway listen on all interfaces (0.0.0.0); everything else stays on 127.0.0.1.
                             SWITCHBOARD_GATEWAY_ADDRESS=<address> picks one interface instead""";

    /** @return the options, or null after printing help; exits 2 on an unknown option */
    static Options parse(String[] args) {
        boolean wipe = false;
        boolean withServices = true;
        String env = System.getenv(GATEWAY_ADDRESS_ENV);
        String gateway = env == null || env.isBlank() ? LOOPBACK : env.trim();
        for (String arg : args) {
            switch (arg) {
                case "--wipe" -> wipe = true;
                case "--no-services" -> withServices = false;
                case "--public" -> gateway = "0.0.0.0";
                case "-h", "--help", "help" -> {
                    System.out.println(USAGE);
                    return null;
                }
                default -> {
                    System.err.println("devstack: unknown option " + arg + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        return new Options(wipe, withServices, gateway);
    }

    boolean gatewayOpened() {
        return !LOOPBACK.equals(gatewayAddress);
    }
}
