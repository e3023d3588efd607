package dev.switchboard.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The {@code /ws} endpoint. */
@Configuration
@EnableWebSocket
class LiveConfig implements WebSocketConfigurer {

  /**
   * Client messages are small commands, chat text included; anything bigger is refused by the
   * container. Room enough that a too-long chat text is answered with an error naming it.
   */
  static final int MAX_MESSAGE = 256 * 1024;

  private final LiveSocketHandler handler;

  LiveConfig(LiveSocketHandler handler) {
    this.handler = handler;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // Origins are checked by CallerHandshake: any for token clients, our own for the UI session.
    registry
        .addHandler(handler, "/ws")
        .addInterceptors(new CallerHandshake())
        .setAllowedOriginPatterns("*");
  }

  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(MAX_MESSAGE);
    container.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
    return container;
  }
}
