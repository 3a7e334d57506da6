/**
 * What the fake services share: {@link dev.connections.fakes.NoDelayServerSockets}, the server sockets that keep
 * MockWebServer's answers from waiting on delayed acknowledgements. The fakes themselves are in
 * {@link dev.connections.fakes.salesforce} and {@link dev.connections.fakes.quickbooks}; tests, examples and
 * benchmarks use them, never production code.
 */
package dev.connections.fakes;
