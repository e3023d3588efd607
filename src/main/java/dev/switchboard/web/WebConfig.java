package dev.switchboard.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class WebConfig implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new SignInRequired())
        .addPathPatterns("/**")
        .excludePathPatterns(
            "/login",
            "/api/**",
            "/ws",
            "/webjars/**",
            "/css/**",
            "/js/**",
            "/actuator/**",
            "/error",
            "/favicon.ico",
            "/favicon.svg");
  }
}
