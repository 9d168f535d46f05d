import Foundation

final class Link {
    let task: URLSessionWebSocketTask

    init(task: URLSessionWebSocketTask) { self.task = task }

    func shut(code: URLSessionWebSocketTask.CloseCode) {
        task.cancel(with: code, reason: nil)
    }
}
